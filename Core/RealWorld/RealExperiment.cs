using System.Collections.Immutable;
using System.Globalization;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// What a real-data preset compares (the paper's Figs. 1, 3 and 5). A closed set: Fig. 3 (clean GD, label noise GD
/// and their linearisations), Fig. 5 (GD, full-batch SAM and their linearisations) and Fig. 1
/// (SGD against label noise SGD at several rates, then magnitude pruning).
/// </summary>
public abstract record RealExperiment
{
    private RealExperiment() { }

    /// <summary>Fig. 3: GD with and without label noise, each beside its linearised twin.</summary>
    public sealed record Linearisation : RealExperiment;
    /// <summary>Fig. 5: GD and full-batch SAM, each beside its linearised twin.</summary>
    public sealed record Sam : RealExperiment;
    /// <summary>Fig. 1: SGD and label noise SGD at each rate of <c>noise_levels</c>, test accuracy per epoch and pruning curves.</summary>
    public sealed record Pruning : RealExperiment;

    /// <summary>The arms of this experiment under <paramref name="config"/>, in legend order.</summary>
    public ImmutableArray<RealArm> Arms(RealConfig config) => this switch
    {
        Linearisation =>
        [
            new("clean", false, 0, 0, "linearised"),
            new("label noise", false, config.Noise, 0, "linearised, label noise"),
            new("linearised", true, 0, 0),
            new("linearised, label noise", true, config.Noise, 0),
        ],
        Sam =>
        [
            new("GD", false, 0, 0, "linearised"),
            new("SAM", false, 0, config.Rho, "linearised SAM"),
            new("linearised", true, 0, 0),
            new("linearised SAM", true, 0, config.Rho),
        ],
        Pruning =>
        [
            new("SGD", false, 0, 0),
            .. (RealSchema.ParseList(config.NoiseLevels) ?? []).Where(t => t > 0)
                .Select(t => new RealArm($"label noise τ = {t.ToString("G4", CultureInfo.InvariantCulture)}", false, t, 0)),
        ],
        _ => throw new InvalidOperationException("unknown experiment"),
    };

    /// <summary>The label of the arm every network is compared with (the clean linearised model), or null.</summary>
    public string? Baseline => this is Pruning ? null : "linearised";
}
