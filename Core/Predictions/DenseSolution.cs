using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>
/// A solution of dy/dt = f(t, y) as the solver's accepted steps with Dormand–Prince's
/// fourth-order continuous extension (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.6): the state
/// at any time of the span without re-integrating, so records and milestone bisections cost an
/// interpolation, not a solve.
/// </summary>
public sealed class DenseSolution
{
    // One accepted step: y(T0 + θH) = R1 + θ(R2 + (1−θ)(R3 + θ(R4 + (1−θ)R5))).
    internal sealed record Segment(double T0, double H, Matrix<double> R1, Matrix<double> R2, Matrix<double> R3, Matrix<double> R4, Matrix<double> R5);

    private readonly List<Segment> _segments;
    private readonly Matrix<double> _end;

    internal DenseSolution(double start, List<Segment> segments, Matrix<double> end) => (Start, _segments, _end) = (start, segments, end);

    /// <summary>The first time of the span.</summary>
    public double Start { get; }

    /// <summary>The last time of the span.</summary>
    public double End => _segments.Count == 0 ? Start : _segments[^1].T0 + _segments[^1].H;

    /// <summary>The number of accepted solver steps.</summary>
    public int Steps => _segments.Count;

    /// <summary>The state at the end of the span (after the solver's projection, when it has one).</summary>
    public Matrix<double> Final => _end;

    /// <summary>The interpolated state at a time of the span (not projected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Matrix<double> At(double t)
    {
        if (t < Start || t > End * (1 + 1e-12) + 1e-300) throw new ArgumentOutOfRangeException(nameof(t), $"t = {t} is outside [{Start}, {End}]");
        if (_segments.Count == 0 || t >= End) return _end;
        var (lo, hi) = (0, _segments.Count - 1);
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_segments[mid].T0 <= t) lo = mid; else hi = mid - 1;
        }
        var s = _segments[lo];
        var theta = (t - s.T0) / s.H;
        var rest = 1 - theta;
        return s.R1 + theta * (s.R2 + rest * (s.R3 + theta * (s.R4 + rest * s.R5)));
    }
}
