using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// The prediction for a run without simulating it (docs/prediction.md): gradient flow from the
/// initial state to Γ, then the limit and the corrected regulariser flows evaluated at the run's
/// record steps, the closed-form endpoint, the stationary fluctuation there and the milestones.
/// Pure and deterministic; O(d³) per solver step at any width, O(m d²) per expanded record.
/// </summary>
public static class Predictor
{
    /// <summary>Expanded per-neuron evaluations allowed per curve: above it mean_cos/min_cos are thinned to every k-th record (NaN between).</summary>
    public const long NeuronBudget = 200_000;

    /// <summary>The step noise of a config (label noise SGD with batch b, or label noise GD).</summary>
    public static StepNoise NoiseOf(RunConfig c) =>
        c.Optimizer == "gd" ? StepNoise.Gd(c.Eta, c.Sigma, c.N) : StepNoise.Sgd(c.Eta, c.Sigma, c.Batch);

    /// <summary>The record steps of a config, in order.</summary>
    public static ImmutableArray<long> RecordSteps(RunConfig c)
    {
        var steps = ImmutableArray.CreateBuilder<long>();
        for (var t = 0L; t < c.Steps; t += c.RecordEvery) steps.Add(t);
        steps.Add(c.Steps);
        return steps.ToImmutable();
    }

    /// <summary>The prediction for a resolved run; the config must pass <see cref="Applicability.Refusal"/>.</summary>
    public static Prediction Of(RunSpec spec)
    {
        var c = spec.Config;
        if (Applicability.Refusal(c) is { } why) throw new ArgumentException(why, nameof(spec));
        var geometry = ProblemGeometry.Of(spec.Problem);
        var noise = NoiseOf(c);
        var expansion = NeuronExpansion.Of(spec.Initial);
        var start = GradientFlowStart.Of(expansion.Rows, geometry);
        var clock = c.Eta * c.Eta * noise.NoiseVariance;
        var steps = RecordSteps(c);
        var limit = new FlowRun(spec, geometry, noise, new FlowKind.Limit(), expansion, start, clock, steps);
        var corrected = new FlowRun(spec, geometry, noise, new FlowKind.Corrected(), expansion, start, clock, steps);

        var minimiser = RegulariserMinimiser.Of(geometry);
        var endGram = minimiser?.Gram ?? VirtualState.Gram(corrected.States[^1]);
        var endpoint = minimiser is null
            ? new Endpoint(null, null, null, null)
            : new Endpoint(minimiser.WFrobSq / c.M, minimiser.ANormSq, Math.Sqrt(minimiser.WFrobSq), minimiser.Value);
        var stationary = StationaryState.At(endGram, minimiser is not null, geometry, noise);

        var startGram = VirtualState.Gram(start);
        var startMean = VirtualState.WFrobSq(startGram) / c.M;
        var milestones = new Milestones(
            corrected.FirstStep(r => r.LazyStat > 1, perNeuron: true),
            corrected.FirstStep(r => r.EscapedFrac >= 1, perNeuron: true),
            corrected.FirstStep(g => VirtualState.WFrobSq(g) / c.M <= startMean / 2),
            corrected.FirstMeanCos(0.5),
            corrected.FirstMeanCos(0.9));
        var factor = noise.NoiseVariance > 0
            ? new RegulariserFlow(geometry, noise, new FlowKind.Corrected()).EffectiveSigma(startGram).Trace() / geometry.TraceSigma
            : double.NaN;
        return new Prediction(endpoint, stationary, milestones, TheoryPredictions.EscapeTime(c.M, c.Sigma, c.Eta), factor,
            limit.Curve(), corrected.Curve());
    }

    /// <summary>Time-averaged clean losses under a fluctuation C around the point with Gram matrix g: ½tr(CΣ̂), ½tr(CΣ_test) + the test bias of θ.</summary>
    public static (double Train, double Test) Losses(Matrix<double> c, Matrix<double> g, ProblemGeometry geometry) =>
        Losses(c, VirtualState.Theta(g) - geometry.ThetaStar, geometry);

    /// <summary>The time-averaged clean losses for θ − θ⋆ of mean <paramref name="residual"/> and covariance <paramref name="c"/>.</summary>
    public static (double Train, double Test) Losses(Matrix<double> c, Vector<double> residual, ProblemGeometry geometry) =>
        (0.5 * (c * geometry.Sigma).Trace() + 0.5 * (residual * (geometry.Sigma * residual)),
         0.5 * (c * geometry.SigmaTest).Trace() + 0.5 * (residual * (geometry.SigmaTest * residual)));
}
