using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Problems;
using MathNet.Numerics.LinearAlgebra;
using Net = Lnsgd.Core.Networks.Network;

namespace Lnsgd.Properties;

/// <summary>Every metric agrees with its textbook definition, computed independently with MathNet.</summary>
public class MetricsTests
{
    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-10 * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Property(MaxTest = 200)]
    public bool Every_metric_matches_its_direct_definition(int seed, int rawM, int rawD)
    {
        var m = 1 + (int)((uint)rawM % 15);
        var d = 1 + (int)((uint)rawD % 8);
        var problem = SyntheticProblem.Generate(7, 9, d, new Teacher.Dense(), 0.7, (ulong)(uint)seed);
        var initial = Net.Own(m, d, Generators.Vector(m * d, seed), Generators.Vector(m, seed + 1));
        var net = Net.Own(m, d, Generators.Vector(m * d, seed + 2, 0.5), Generators.Vector(m, seed + 3, 0.5));
        var row = Metrics.Row(11, problem, initial, net);

        var W = Matrix<double>.Build.Dense(m, d, (i, j) => net.W[i * d + j]);
        var W0 = Matrix<double>.Build.Dense(m, d, (i, j) => initial.W[i * d + j]);
        var a = Vector<double>.Build.DenseOfEnumerable(net.A);
        var star = Vector<double>.Build.DenseOfEnumerable(problem.ThetaStar);
        var theta = W.TransposeThisAndMultiply(a);
        var X = Matrix<double>.Build.Dense(7, d, (i, j) => problem.X[i * d + j]);
        var Xt = Matrix<double>.Build.Dense(9, d, (i, j) => problem.XTest[i * d + j]);
        var y = Vector<double>.Build.DenseOfEnumerable(problem.Y);
        var yt = Vector<double>.Build.DenseOfEnumerable(problem.YTest);
        var rows = Enumerable.Range(0, m).Select(W.Row).ToArray();
        var norms = rows.Select(r => r.L2Norm()).ToArray();
        var cos = rows.Select(r => r.L2Norm() == 0 ? 0 : Math.Abs(r * star) / (r.L2Norm() * star.L2Norm())).ToArray();
        var lazy = Enumerable.Range(0, m).Select(i => Math.Sqrt(m) * (W.Row(i) - W0.Row(i)).L2Norm()).ToArray();
        var meanNorm = norms.Average();

        return row.Step == 11
            && Close(row.TrainLoss, 0.5 * (X * theta - y).PointwisePower(2).Sum() / 7)
            && Close(row.TestLoss, 0.5 * (Xt * theta - yt).PointwisePower(2).Sum() / 9)
            && Close(row.ThetaErr, (theta - star).L2Norm())
            && Close(row.WFrob, W.FrobeniusNorm())
            && Close(row.MeanWSq, norms.Average(v => v * v))
            && Close(row.MeanWNorm, meanNorm)
            && Close(row.StdWNorm, Math.Sqrt(norms.Average(v => (v - meanNorm) * (v - meanNorm))))
            && Close(row.ANorm, a.L2Norm())
            && Close(row.MaxAbsA, a.AbsoluteMaximum())
            && Close(row.MeanAlign, rows.Average(r => r * star))
            && Close(row.MeanAbsAlign, rows.Average(r => Math.Abs(r * star)))
            && Close(row.MeanCos, cos.Average())
            && Close(row.MinCos, cos.Min())
            && Close(row.LazyStat, lazy.Max())
            && Close(row.EscapedFrac, lazy.Count(v => v > 1) / (double)m)
            && Close(row.MeanBalance, Enumerable.Range(0, m).Average(i => norms[i] * norms[i] - a[i] * a[i]));
    }

    [Property]
    public bool The_teacher_has_the_requested_norm_and_sparsity(int seed, int rawD, int rawK)
    {
        var d = 1 + (int)((uint)rawD % 30);
        var k = 1 + (int)((uint)rawK % (uint)d);
        var dense = SyntheticProblem.DrawTeacher(d, new Teacher.Dense(), 0.3, (ulong)(uint)seed);
        var sparse = SyntheticProblem.DrawTeacher(d, new Teacher.Sparse(k), 2.0, (ulong)(uint)seed);
        return Close(Math.Sqrt(dense.Sum(v => v * v)), 0.3) && Close(Math.Sqrt(sparse.Sum(v => v * v)), 2.0)
            && sparse.Count(v => v != 0) == k;
    }
}
