using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Core.Predictions;

/// <summary>Error tolerances of the adaptive solver (per entry: |error| ≤ Absolute + Relative·|y|).</summary>
public sealed record OdeTolerance(double Relative, double Absolute)
{
    /// <summary>The tolerance the predictions use.</summary>
    public static OdeTolerance Default { get; } = new(1e-7, 1e-10);
}

/// <summary>
/// The Dormand–Prince 5(4) embedded Runge–Kutta method with the standard step-size controller,
/// for an autonomous field dy/dt = f(y) on matrices. After every accepted step a projection
/// (the retraction onto Γ) may put the state back on its manifold; the first stage is then
/// re-evaluated, so FSAL is not used. Every accepted step keeps its continuous extension
/// (<see cref="DenseSolution"/>), so output times never shorten the solver's steps.
/// </summary>
public static class DormandPrince
{
    private static readonly double[] C = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1];
    private static readonly double[][] A =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ];
    private static readonly double[] B5 = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0];
    private static readonly double[] B4 = [5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40];

    // Hairer's dense-output weights for the fourth-order continuous extension.
    private static readonly double[] D = [-12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
        701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423];

    /// <summary>
    /// Integrates from y over a time span; returns the end state and the step size to try next.
    /// <paramref name="step"/> is the first step size to try (≤ 0: span/100).
    /// Throws <see cref="ArithmeticException"/> when the state stops being finite or the step
    /// size collapses.
    /// </summary>
    public static (Matrix<double> Y, double Step) Advance(
        Func<Matrix<double>, Matrix<double>> f, Matrix<double> y, double span, double step,
        OdeTolerance tolerance, Func<Matrix<double>, Matrix<double>>? project = null)
    {
        if (span <= 0) return (y, step);
        var (solution, next) = Integrate((_, z) => f(z), y, 0, span, step, tolerance, project);
        return (solution.Final, next);
    }

    /// <summary>
    /// Integrates dy/dt = f(t, y) from (t0, y) to t1 and keeps every accepted step's continuous
    /// extension. <paramref name="accepted"/>, when given, sees each accepted (t, y) in order (after
    /// the projection), before the next step starts, the last one included: a field may refresh slow coefficients there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (DenseSolution Solution, double NextStep) Integrate(
        Func<double, Matrix<double>, Matrix<double>> f, Matrix<double> y, double t0, double t1, double step,
        OdeTolerance tolerance, Func<Matrix<double>, Matrix<double>>? project = null, Action<double, Matrix<double>>? accepted = null)
    {
        var span = t1 - t0;
        var segments = new List<DenseSolution.Segment>();
        if (span <= 0) return (new DenseSolution(t0, segments, y), step);
        var t = 0.0;
        var h = step > 0 ? step : span / 100;
        var k = new Matrix<double>[7];
        for (var guard = 0; ; guard++)
        {
            if (guard > 1_000_000) throw new ArithmeticException("the flow needs more than 10^6 solver steps");
            var last = t + h >= span * (1 - 1e-14);
            var hh = last ? span - t : h;
            k[0] = f(t0 + t, y);
            for (var s = 1; s < 7; s++)
            {
                var arg = y.Clone();
                for (var j = 0; j < s; j++) if (A[s][j] != 0) arg += hh * A[s][j] * k[j];
                k[s] = f(t0 + t + C[s] * hh, arg);
            }
            var next = y.Clone();
            var error = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
            for (var s = 0; s < 7; s++)
            {
                if (B5[s] != 0) next += hh * B5[s] * k[s];
                if (B5[s] - B4[s] != 0) error += hh * (B5[s] - B4[s]) * k[s];
            }
            var norm = 0.0;
            for (var i = 0; i < y.RowCount; i++)
                for (var j = 0; j < y.ColumnCount; j++)
                {
                    var scale = tolerance.Absolute + tolerance.Relative * Math.Max(Math.Abs(y[i, j]), Math.Abs(next[i, j]));
                    norm = Math.Max(norm, Math.Abs(error[i, j]) / scale);
                }
            if (!double.IsFinite(norm)) throw new ArithmeticException("the flow left the finite numbers");
            var factor = norm == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(norm, -0.2), 0.2, 5);
            if (norm <= 1)
            {
                // k[6] is f at the unprojected fifth-order solution (the FSAL stage).
                var r2 = next - y;
                var r3 = hh * k[0] - r2;
                var r4 = r2 - hh * k[6] - r3;
                var r5 = Matrix<double>.Build.Dense(y.RowCount, y.ColumnCount);
                for (var s = 0; s < 7; s++) if (D[s] != 0) r5 += hh * D[s] * k[s];
                segments.Add(new DenseSolution.Segment(t0 + t, hh, y, r2, r3, r4, r5));
                y = project is null ? next : project(next);
                t += hh;
                accepted?.Invoke(last ? t1 : t0 + t, y);
                if (!last) h *= factor;
                if (last) return (new DenseSolution(t0, segments, y), h);
            }
            else
            {
                h = hh * factor;
                if (h < span * 1e-15 && h < 1e-300) throw new ArithmeticException("the solver's step size collapsed");
            }
        }
    }
}
