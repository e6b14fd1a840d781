namespace Lnsgd.Core.Predictions;

/// <summary>Which flow: the η → 0 limit, or the flow with the first-order-in-η noise correction.</summary>
public abstract record FlowKind
{
    private FlowKind() { }

    /// <summary>dZ/dk = −(η²σ²/4) P_T ∇R with R = tr ∇²L (docs/prediction.md §2).</summary>
    public sealed record Limit : FlowKind;

    /// <summary>
    /// The same projected flow with Σ̂σ² replaced by the gradient's stationary second moment
    /// Σ̃(C) at the current point (docs/prediction.md §4): the network's own residual fluctuation
    /// adds to the label noise.
    /// </summary>
    public sealed record Corrected : FlowKind;

    /// <summary>The name written in prediction.csv's <c>flow</c> column.</summary>
    public string Name => this switch { Limit => "limit", Corrected => "corrected", _ => throw new InvalidOperationException() };
}
