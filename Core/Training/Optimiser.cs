namespace Lnsgd.Core.Training;

/// <summary>
/// An optimiser of the two-layer net, as a value. A closed hierarchy; <see cref="Optimisers"/>
/// holds the pure <c>Init</c> and <c>Update</c> that interpret it (optax style). SAM composes:
/// it wraps the optimiser whose gradient oracle (batch and label noise) it perturbs.
/// </summary>
public abstract record Optimiser
{
    private Optimiser() { }

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

    /// <summary>
    /// Normalised SAM (the paper's Section "Extension", Fig. 4) around <paramref name="Base"/> (SGD: per-sample or mini-batch
    /// SAM; GD: full-batch SAM): Θ̃ = Θ + ρ v/‖v‖ with v the base gradient, then the base step
    /// with the gradient taken at Θ̃, using the same batch and noise draws. ρ = 0 is the base.
    /// </summary>
    public sealed record Sam(double Rho, Optimiser Base) : Optimiser
    {
        /// <summary>The wrapped optimiser; never a SAM (its ρ would be ignored) nor the oscillation chain (no gradient oracle).</summary>
        public Optimiser Base { get => _base; init => _base = Wrappable(value); }
        private readonly Optimiser _base = Wrappable(Base);

        private static Optimiser Wrappable(Optimiser inner) => inner is Sam or Oscillation or null
            ? throw new ArgumentException($"SAM wraps a gradient optimiser (sgd or gd), not {inner?.Name ?? "null"}: SAM around SAM would ignore the inner rho")
            : inner;

        /// <inheritdoc />
        public override double Eta => Base.Eta;
    }

    /// <summary>
    /// The paper's oscillation simulation (Eqs. 6–7): W follows full-batch GD on clean labels
    /// while each a_i walks its own chain on {−q, 0, +q}, q = η^¼ (see <see cref="OscillationChain"/>).
    /// </summary>
    public sealed record Oscillation(double Eta) : Optimiser
    {
        /// <inheritdoc />
        public override double Eta { get; } = Eta;

        /// <summary>The chain's amplitude q = η^¼.</summary>
        public double Amplitude => Math.Pow(Eta, 0.25);
    }

    /// <summary>
    /// Langevin dynamics (SGLD with the full-batch gradient): a clean full-batch GD step, then
    /// isotropic Gaussian noise on every parameter of W and a. Its per-parameter standard
    /// deviation s(t) gives the step the same expected squared size as label noise ±σ(t) at
    /// batch 1 (see <see cref="IsotropicNoise"/>): HaoChen et al. (2021) predict that noise of
    /// this shape, unlike label noise, carries no implicit bias towards sparse, aligned weights.
    /// </summary>
    public sealed record Langevin(double Eta, double Sigma, NoiseSchedule Schedule) : Optimiser
    {
        /// <inheritdoc />
        public override double Eta { get; } = Eta;
    }

    /// <summary>The config spelling of the optimiser.</summary>
    public string Name => this switch
    {
        Sgd => "sgd", Gd => "gd", Sam { Base: Gd } => "sam-gd", Sam => "sam", Oscillation => "oscillation", Langevin => "langevin",
        _ => throw new InvalidOperationException($"unknown optimiser {GetType().Name}"),
    };
}
