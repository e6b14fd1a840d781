using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// One flow integrated from Φ(Z₀) through a run's record steps (step k ↔ τ = η²σ_b²k): its states
/// at the records, its curve, and the first step at which a monotone event happens (located
/// between records by bisection on the step count, on the solver's continuous extension).
/// </summary>
internal sealed class FlowRun
{
    private readonly RunSpec _spec;
    private readonly ProblemGeometry _geometry;
    private readonly StepNoise _noise;
    private readonly FlowKind _kind;
    private readonly NeuronExpansion _expansion;
    private readonly FlowTrajectory _trajectory;
    private readonly double _clock;
    private readonly ImmutableArray<long> _steps;

    public FlowRun(RunSpec spec, ProblemGeometry geometry, StepNoise noise, FlowKind kind, NeuronExpansion expansion,
        Matrix<double> start, double clock, ImmutableArray<long> steps)
    {
        (_spec, _geometry, _noise, _kind, _expansion, _clock, _steps) = (spec, geometry, noise, kind, expansion, clock, steps);
        _trajectory = new RegulariserFlow(geometry, noise, kind).Trajectory(start, clock * steps[^1]);
        States = [.. steps.Select(k => _trajectory.State(clock * k))];
    }

    /// <summary>The rows at each record step.</summary>
    public ImmutableArray<Matrix<double>> States { get; }

    /// <summary>The flow's curve at the record steps.</summary>
    public PredictionCurve Curve()
    {
        var n = _steps.Length;
        var (meanWSq, wFrob, aNorm, meanCos, minCos, traceH, train, test) =
            (new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        var m = _expansion.M;
        var every = (int)Math.Max(1, (long)n * m / Predictor.NeuronBudget + 1);
        for (var i = 0; i < n; i++)
        {
            var g = VirtualState.Gram(States[i]);
            var covariance = _trajectory.Covariance(_clock * _steps[i]);
            // The corrected curve reports the expected Gram matrix Ĝ = G + ΔG: what a run measures on average.
            var measured = covariance is null ? g : g + FluctuationGram.Of(g, covariance);
            meanWSq[i] = VirtualState.WFrobSq(measured) / m;
            wFrob[i] = Math.Sqrt(VirtualState.WFrobSq(measured));
            aNorm[i] = Math.Sqrt(VirtualState.ANormSq(measured));
            traceH[i] = ImplicitRegulariser.Value(g, _geometry.Sigma);
            if (i % every == 0 || i == n - 1) (meanCos[i], minCos[i]) = Cosines(States[i], _clock * _steps[i]);
            else (meanCos[i], minCos[i]) = (double.NaN, double.NaN);
            var fluctuation = covariance ?? Matrix<double>.Build.Dense(_geometry.D, _geometry.D);
            (train[i], test[i]) = _kind is FlowKind.Corrected && covariance is null ? (double.NaN, double.NaN) : Predictor.Losses(fluctuation, measured, _geometry);
        }
        return new PredictionCurve(_kind, _steps, [.. _steps.Select(k => _clock * k)],
            [.. meanWSq], [.. wFrob], [.. aNorm], [.. meanCos], [.. minCos], [.. traceH], [.. train], [.. test]);
    }

    /// <summary>The first step at which an event of the Gram matrix holds, or null within the run.</summary>
    public double? FirstStep(Func<Matrix<double>, bool> holds) => First((z, _) => holds(VirtualState.Gram(z)));

    /// <summary>The first step at which an event of the expanded metrics row holds, or null within the run.</summary>
    public double? FirstStep(Func<MetricRow, bool> holds, bool perNeuron) => First((z, _) => holds(_expansion.Measure(z, 0, _spec.Problem)));

    /// <summary>The first step at which the curve's mean |cos| (<see cref="Cosines"/>) reaches <paramref name="level"/>, or null within the run.</summary>
    public double? FirstMeanCos(double level) => First((z, tau) => Cosines(z, tau).Mean >= level);

    // Mean and min |cos| at rows z and time τ: of the rows themselves for the limit flow, and
    // with the stationary fluctuation around them for the corrected flow (NeuronExpansion.ExpectedCosines).
    private (double Mean, double Min) Cosines(Matrix<double> z, double tau)
    {
        if (_trajectory.Covariance(tau) is { } c)
        {
            return _expansion.ExpectedCosines(z, VirtualState.NormalCovariance(VirtualState.Gram(z), c), _geometry.ThetaStar);
        }
        var row = _expansion.Measure(z, 0, _spec.Problem);
        return (row.MeanCos, row.MinCos);
    }

    private double? First(Func<Matrix<double>, double, bool> holds)
    {
        // Events are monotone along the flow (escape, shrinking, alignment), so the first record
        // where one holds is found by bisection over the records too: O(log records) expansions.
        if (!holds(States[^1], _clock * _steps[^1])) return null;
        if (holds(States[0], 0)) return 0;
        var (below, above) = (0, _steps.Length - 1);
        while (above - below > 1)
        {
            var middle = (below + above) / 2;
            if (holds(States[middle], _clock * _steps[middle])) above = middle; else below = middle;
        }
        var j = above;
        return FirstCrossing.Between(_steps[j - 1], _steps[j], step => holds(_trajectory.State(_clock * step), _clock * step));
    }
}
