using System.Collections.Immutable;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.RealWorld;

/// <summary>A named real-data or nonlinear preset: what it shows and what it runs.</summary>
public abstract record RealPreset(string Name, string Description)
{
    /// <summary>An experiment on images: the config and the comparison.</summary>
    public sealed record Images(string Name, string Description, RealConfig Config, RealExperiment Experiment) : RealPreset(Name, Description);

    /// <summary>
    /// The synthetic teacher task of a linear preset, learnt by a nonlinear network with one
    /// output and no biases: label noise against clean, with the synthetic norm and alignment metrics.
    /// </summary>
    public sealed record Teacher(string Name, string Description, RunConfig Config, string Activation) : RealPreset(Name, Description);
}

/// <summary>The presets of <c>lnsgd real</c>: Figs. 1, 3 and 5 on real images and Fig. 2 with nonlinear networks.</summary>
public static class RealPresets
{
    private static readonly RealConfig Fig3 = new();

    // Fig. 2's setting and length: the linear run's mean cosine passes 0.9 at ~1.2M steps, and at 1M
    // steps neither nonlinear network had finished Phase II (mean cosine 0.52 for tanh, 0.45 for ReLU).
    private static readonly RunConfig Fig2 = new() { Steps = 2_500_000, RecordEvery = 5000 };

    /// <summary>Every preset, in listing order.</summary>
    public static ImmutableArray<RealPreset> All { get; } =
    [
        new RealPreset.Images("fig3",
            "Fig. 3: 64+64 Fashion-MNIST images, Dense(512)-erf-Dense(10) (standard param., as the notebook), MSE, GD lr 1e-3, 10,000 steps: clean vs label noise p=0.5 vs linearised",
            Fig3, new RealExperiment.Linearisation()),
        // ρ = 0.05 moves SAM no farther from its linearisation than GD (0.088 vs 0.084); 0.5 leaves the
        // lazy regime clearly (0.52) while fitting the training set as well as GD; 2 fits it worse.
        new RealPreset.Images("fig5",
            "Fig. 5: the fig3 setting with full-batch SAM (rho=0.5) vs GD vs the linearised models",
            Fig3 with { Rho = 0.5 }, new RealExperiment.Sam()),
        new RealPreset.Images("fig1",
            "Fig. 1 (MLP version): 784-512-ReLU-10 on all of Fashion-MNIST, cross-entropy, SGD lr 0.1 batch 128, 10 epochs; label noise tau in {0.05,0.1,0.2} (Algorithm 1) vs clean; magnitude pruning",
            new RealConfig
            {
                NTrain = 0, NTest = 0, Width = 512, Activation = "relu", Param = "standard", WStd = 1.0, BStd = 0.0,
                Loss = "cross-entropy", Eta = 0.1, Batch = 128, Epochs = 10, NoiseClasses = "other", Standardise = "train",
            },
            new RealExperiment.Pruning()),
        new RealPreset.Teacher("fig2-tanh", "Fig. 2's teacher task with a tanh network f(x) = a^T tanh(Wx): label noise SGD vs clean, 2.5M steps", Fig2, "tanh"),
        new RealPreset.Teacher("fig2-relu", "Fig. 2's teacher task with a ReLU network f(x) = a^T relu(Wx): label noise SGD vs clean, 2.5M steps", Fig2, "relu"),
    ];

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static RealPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
