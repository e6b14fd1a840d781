namespace Lnsgd.Core.Training;

/// <summary>
/// An optimiser of the two-layer net, as a value. A closed hierarchy; <see cref="Optimisers"/>
/// holds the pure <c>Init</c> and <c>Update</c> that interpret it (optax style).
/// </summary>
public abstract record Optimiser
{
    private protected Optimiser() { }

    /// <summary>The step size η.</summary>
    public abstract double Eta { get; }

    /// <summary>
    /// Label noise SGD (Eqs. 3–4): each step samples <paramref name="Batch"/> rows with
    /// replacement, adds one noise draw to each label and steps on the batch-mean gradient.
    /// σ = 0 is plain SGD.
    /// </summary>
    public sealed record Sgd(double Eta, int Batch, LabelNoise Noise) : Optimiser
    {
        /// <inheritdoc />
        public override double Eta { get; } = Eta;
    }

    /// <summary>Full-batch GD on all n samples, each with its own noise draw (σ = 0 is plain GD).</summary>
    public sealed record Gd(double Eta, LabelNoise Noise) : Optimiser
    {
        /// <inheritdoc />
        public override double Eta { get; } = Eta;
    }

    /// <summary>The config spelling of the optimiser.</summary>
    public string Name => this switch { Sgd => "sgd", Gd => "gd", _ => GetType().Name.ToLowerInvariant() };
}
