namespace Lnsgd.Core.Training;

/// <summary>
/// A noise level as a pure function of the step: σ(t) = σ · Factor(t). The paper's analysis
/// assumes a constant level. A closed hierarchy.
/// </summary>
public abstract record NoiseSchedule
{
    private protected NoiseSchedule() { }

    /// <summary>σ(t) = σ at every step.</summary>
    public sealed record Constant : NoiseSchedule;

    /// <summary>The multiplier of σ at step <paramref name="step"/>.</summary>
    public double Factor(long step) => this switch
    {
        Constant => 1.0,
        _ => throw new InvalidOperationException($"unknown schedule {GetType().Name}"),
    };

    /// <summary>The config spelling of the schedule.</summary>
    public string Name => this switch { Constant => "constant", _ => GetType().Name.ToLowerInvariant() };
}
