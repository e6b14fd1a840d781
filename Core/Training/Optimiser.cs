namespace Lnsgd.Core.Training;

/// <summary>
/// An optimiser of the two-layer net as a composition, in the shape of optax: a
/// <see cref="GradientOracle"/> (which rows, which label noise), an <see cref="Ascent"/> (where the
/// oracle is evaluated: Θ, or SAM's ascent point) and a <see cref="Descent"/> (how the gradient
/// becomes the step, with its own state in <see cref="TrainState"/>). <see cref="Optimisers"/>
/// folds it as a pure (init, update) pair; the engines run the same composition in place, or say
/// they cannot (<see cref="Engines.EngineChoice.Resolve"/>). There is one ascent slot, so SAM
/// around SAM cannot be written.
/// </summary>
public sealed record Optimiser
{
    /// <summary>
    /// The composition of <paramref name="oracle"/>, <paramref name="ascent"/> and <paramref name="descent"/>;
    /// an <see cref="ArgumentException"/> when the descent takes no gradient for SAM to move (the oscillation chain).
    /// </summary>
    public Optimiser(GradientOracle oracle, Ascent ascent, Descent descent)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(ascent);
        ArgumentNullException.ThrowIfNull(descent);
        if (ascent is Ascent.Sam && !descent.TakesAscent)
            throw new ArgumentException($"SAM wraps a gradient optimiser, not {descent.ConfigName}: its step takes no gradient for the ascent to move");
        (Oracle, Ascent, Descent) = (oracle, ascent, descent);
    }

    /// <summary>Which rows and which label noise each step's gradient uses.</summary>
    public GradientOracle Oracle { get; }

    /// <summary>Where the gradient is evaluated.</summary>
    public Ascent Ascent { get; }

    /// <summary>How the gradient becomes the step.</summary>
    public Descent Descent { get; }

    /// <summary>The step size η.</summary>
    public double Eta => Descent.Eta;

    /// <summary>
    /// Label noise SGD (Eqs. 3–4): each step samples <paramref name="batch"/> rows with
    /// replacement, adds one noise draw to each label and steps on the batch-mean gradient.
    /// σ = 0 is plain SGD.
    /// </summary>
    public static Optimiser Sgd(double eta, int batch, LabelNoise noise) =>
        new(new GradientOracle.Sample(batch, noise), Ascent.Off, new GradientStep(eta));

    /// <summary>Full-batch GD on all n samples, each with its own noise draw (σ = 0 is plain GD).</summary>
    public static Optimiser Gd(double eta, LabelNoise noise) =>
        new(new GradientOracle.FullBatch(noise), Ascent.Off, new GradientStep(eta));

    /// <summary>
    /// Normalised SAM with radius <paramref name="rho"/> around <paramref name="inner"/> (SGD:
    /// per-sample or mini-batch SAM; GD: full-batch SAM). An <see cref="ArgumentException"/> when
    /// <paramref name="inner"/> already has an ascent (its ρ would be lost) or takes no gradient.
    /// </summary>
    public static Optimiser Sam(double rho, Optimiser inner) => inner.Ascent is Ascent.None
        ? new(inner.Oracle, new Ascent.Sam(rho), inner.Descent)
        : throw new ArgumentException($"SAM wraps a gradient optimiser (sgd or gd), not {inner.Name}: SAM around SAM would ignore the inner rho");

    /// <summary>The paper's oscillation simulation (Eqs. 6–7) with step size <paramref name="eta"/>.</summary>
    public static Optimiser Oscillation(double eta) => new(GradientOracle.Clean, Ascent.Off, new OscillationStep(eta));

    /// <summary>Langevin dynamics: clean full-batch GD plus isotropic noise of label noise's per-step variance (<see cref="LangevinStep"/>).</summary>
    public static Optimiser Langevin(double eta, double sigma, NoiseSchedule schedule) =>
        new(GradientOracle.Clean, Ascent.Off, new LangevinStep(eta, sigma, schedule));

    /// <summary>The config spelling of the optimiser.</summary>
    public string Name => (Ascent, Descent.ConfigName, Oracle) switch
    {
        (Ascent.None, null, GradientOracle.FullBatch) => "gd",
        (Ascent.None, null, _) => "sgd",
        (Ascent.Sam, null, GradientOracle.FullBatch) => "sam-gd",
        (Ascent.Sam, null, _) => "sam",
        (Ascent.Sam, var name, _) => "sam+" + name,
        _ => Descent.ConfigName!,
    };

    /// <summary>The batch of a sampling oracle, or null for a full-batch one.</summary>
    public int? Batch => Oracle is GradientOracle.Sample s ? s.Batch : null;
}
