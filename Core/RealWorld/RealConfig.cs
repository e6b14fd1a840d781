namespace Lnsgd.Core.RealWorld;

/// <summary>
/// The settings of a real-data experiment (every key of <c>lnsgd real --set</c>; see
/// <see cref="RealSchema"/> for meanings and ranges). Defaults are the Fig. 3 notebook's:
/// 64 + 64 Fashion-MNIST images, Dense(512) → erf → Dense(10), standard parameterisation (the
/// notebook's stax.Dense(..., parameterization='standard')) with
/// σ_w = σ_b = 1, MSE, full-batch GD at η = 1e-3 for 10,000 steps.
/// </summary>
public sealed record RealConfig
{
    /// <summary>fashion-mnist, mnist or cifar10.</summary>
    public string Dataset { get; init; } = "fashion-mnist";
    /// <summary>Training images (a seeded subset); 0 = all.</summary>
    public int NTrain { get; init; } = 64;
    /// <summary>Test images (a seeded subset); 0 = all.</summary>
    public int NTest { get; init; } = 64;
    /// <summary>Hidden width m.</summary>
    public int Width { get; init; } = 512;
    /// <summary>erf, relu, tanh or identity.</summary>
    public string Activation { get; init; } = "erf";
    /// <summary>standard or ntk.</summary>
    public string Param { get; init; } = "standard";
    /// <summary>σ_w (neural-tangents' W_std).</summary>
    public double WStd { get; init; } = 1.0;
    /// <summary>σ_b (neural-tangents' b_std).</summary>
    public double BStd { get; init; } = 1.0;
    /// <summary>Whether the hidden and output biases exist and are trained.</summary>
    public bool Bias { get; init; } = true;
    /// <summary>mse or cross-entropy.</summary>
    public string Loss { get; init; } = "mse";
    /// <summary>Learning rate η.</summary>
    public double Eta { get; init; } = 1e-3;
    /// <summary>Steps, when <see cref="Epochs"/> is 0.</summary>
    public long Steps { get; init; } = 10_000;
    /// <summary>Epochs of shuffled mini-batches (needs <see cref="Batch"/> &gt; 0); 0 = count <see cref="Steps"/>.</summary>
    public int Epochs { get; init; }
    /// <summary>Mini-batch size; 0 = the full training set every step.</summary>
    public int Batch { get; init; }
    /// <summary>Record every this many steps (with epochs: every epoch).</summary>
    public long RecordEvery { get; init; } = 100;
    /// <summary>Label noise rate of the noisy arms (fig3: p = 0.5).</summary>
    public double Noise { get; init; } = 0.5;
    /// <summary>The noise rates τ compared by a pruning experiment (fig1), comma-separated; the clean run is added.</summary>
    public string NoiseLevels { get; init; } = "0.05,0.1,0.2";
    /// <summary>any: the new class is uniform on all c (notebook); other: on the c − 1 others (Algorithm 1).</summary>
    public string NoiseClasses { get; init; } = "any";
    /// <summary>step: labels redrawn at every step (label noise SGD); once: drawn once and kept.</summary>
    public string NoiseRedraw { get; init; } = "step";
    /// <summary>SAM radius ρ of the SAM arms.</summary>
    public double Rho { get; init; } = 0.05;
    /// <summary>Probe images (the first of the training subset) for the empirical NTK.</summary>
    public int Probe { get; init; } = 64;
    /// <summary>Training images (the first of the subset) on which the clean train loss and accuracy are measured; 0 = all.</summary>
    public int EvalTrain { get; init; } = 10_000;
    /// <summary>split: each split standardised by its own pixel mean and std (the notebook); train: both by the training subset's.</summary>
    public string Standardise { get; init; } = "split";
    /// <summary>Percentages of weights kept in the pruning curve, comma-separated.</summary>
    public string Prune { get; init; } = "100,70,50,30,20,10,5,3,2,1";
    /// <summary>Seed of every draw (subset, initialisation, noise, shuffles).</summary>
    public ulong Seed { get; init; }
}
