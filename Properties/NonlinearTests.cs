using Lnsgd.Core.Numerics;
using FsCheck.Xunit;
using Lnsgd.Core.Nonlinear;
using MathNet.Numerics.LinearAlgebra;

namespace Lnsgd.Properties;

/// <summary>The nonlinear networks: backward pass, linearisation, NTK, SAM, pruning and the matrix product.</summary>
public class NonlinearTests
{
    private static readonly Loss[] Losses = [new Loss.Mse(), new Loss.CrossEntropy()];

    // Central differences along a random direction: (L(θ+hv) − L(θ−hv)) / 2h = ⟨∇L, v⟩ + O(h²).
    [Property(MaxTest = 80)]
    public bool Backward_pass_matches_central_finite_differences(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 5);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = NonlinearGenerators.Targets(rows, spec.C, dataSeed + 1);
        var loss = Losses[(uint)raw % 2];
        var pass = ForwardPass.Of(net, x, rows, 1);
        var grad = Backprop.Vjp(net, x, pass, loss.Gradient(pass.Output, y, rows, spec.C), 1);
        var v = NonlinearGenerators.Direction(spec, dataSeed + 2);
        const double h = 1e-5;
        var numeric = (NonlinearGenerators.LossOf(net.Moved(h, v), loss, x, rows, y) - NonlinearGenerators.LossOf(net.Moved(-h, v), loss, x, rows, y)) / (2 * h);
        var analytic = Parameters.Dot(grad, v);
        return Math.Abs(numeric - analytic) <= 1e-6 * (1 + Math.Abs(analytic));
    }

    // ReLU has a kink at 0: the same check where every pre-activation stays clear of it.
    [Property(MaxTest = 60)]
    public bool Relu_backward_pass_matches_finite_differences_away_from_the_kink(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw, [new Activation.Relu()]);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = NonlinearGenerators.Targets(rows, spec.C, dataSeed + 1);
        var pass = ForwardPass.Of(net, x, rows, 1);
        if (pass.Pre.Any(z => Math.Abs(z) < 1e-3)) return true;
        var loss = Losses[(uint)raw % 2];
        var grad = Backprop.Vjp(net, x, pass, loss.Gradient(pass.Output, y, rows, spec.C), 1);
        var v = NonlinearGenerators.Direction(spec, dataSeed + 2);
        const double h = 1e-7;
        var numeric = (NonlinearGenerators.LossOf(net.Moved(h, v), loss, x, rows, y) - NonlinearGenerators.LossOf(net.Moved(-h, v), loss, x, rows, y)) / (2 * h);
        return Math.Abs(numeric - Parameters.Dot(grad, v)) <= 1e-5 * (1 + Math.Abs(numeric));
    }

    // f(θ0 + tv) − f_lin(θ0 + tv) = O(t²): a tenfold smaller t divides the error by a hundred or more.
    [Property(MaxTest = 200)]
    public bool The_linearised_model_equals_the_network_to_first_order(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var v = NonlinearGenerators.Direction(spec, dataSeed + 3);
        var lin = Model.LinearisationOf(net);
        double Error(double t)
        {
            var exact = new Model.Network(net.Moved(t, v)).Evaluate(x, rows, threads: 1).Outputs;
            var linear = lin.Moved(t, v).Evaluate(x, rows, threads: 1).Outputs;
            return Parameters.Distance(exact, linear);
        }
        var (e1, e2) = (Error(1e-2), Error(1e-3));
        // No curvature along v (e.g. identity with v in one layer only): the error is rounding, which
        // scales with the outputs, not with t².
        var outputs = new Model.Network(net).Evaluate(x, rows, threads: 1).Outputs;
        if (e1 < 1e-11 * (1 + Parameters.Distance(outputs, new double[outputs.Length]))) return true;
        var ratio = e1 / e2;
        // Shrinking t tenfold shrinks an error a t² + b t³ by 100 (a dominates) to 1000 (a ≈ 0, e.g. erf
        // at its inflection point); a first-order error would shrink only tenfold.
        return ratio > 30;
    }

    [Property(MaxTest = 60)]
    public bool At_theta0_the_linearised_and_true_predictions_coincide(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw, [.. NonlinearGenerators.Smooth, new Activation.Relu()]);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 6);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var exact = new Model.Network(net).Evaluate(x, rows, threads: 1).Outputs;
        var linear = Model.LinearisationOf(net).Evaluate(x, rows, threads: 1).Outputs;
        return exact.SequenceEqual(linear);
    }

    [Property(MaxTest = 50)]
    public bool The_NTK_is_symmetric_positive_semidefinite_and_equals_J_J_transposed(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw, [.. NonlinearGenerators.Smooth, new Activation.Relu()]);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 6);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var k = Ntk.Of(net, x, rows, 1);
        var explicitK = Ntk.FromJacobian(net, x, rows);
        var scale = k.Max(Math.Abs) + 1e-300;
        var matrix = Matrix<double>.Build.Dense(rows, rows, (i, j) => k[i * rows + j]);
        var symmetric = Enumerable.Range(0, rows).All(i => Enumerable.Range(0, rows).All(j => Math.Abs(k[i * rows + j] - k[j * rows + i]) <= 1e-12 * scale));
        var eigen = matrix.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real);
        return symmetric && eigen.All(e => e >= -1e-10 * scale)
            && k.Zip(explicitK).All(p => Math.Abs(p.First - p.Second) <= 1e-10 * scale)
            && Math.Abs(Ntk.Distance(k, k)) <= 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool Sam_with_radius_zero_is_gradient_descent_bit_for_bit(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw);
        Model model = new Model.Network(NonlinearGenerators.Net(spec, seed));
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = NonlinearGenerators.Targets(rows, spec.C, dataSeed + 1);
        var loss = Losses[(uint)raw % 2];
        var gd = NetStep.Step(model, x, rows, y, loss, NetOptimiser.Gd(0.05), threads: 1).Next;
        var sam0 = NetStep.Step(model, x, rows, y, loss, NetOptimiser.Sam(0.05, 0.0), threads: 1).Next;
        var sam = NetStep.Step(model, x, rows, y, loss, NetOptimiser.Sam(0.05, 0.1), threads: 1).Next;
        return ((Model.Network)gd).Net.Theta.SequenceEqual(((Model.Network)sam0).Net.Theta)
            && ((Model.Network)sam).Net.Theta.All(double.IsFinite);
    }

    // SAM's second gradient is the gradient at θ + ρ v/‖v‖ (checked against an explicit ascent).
    [Property(MaxTest = 40)]
    public bool Sam_steps_with_the_gradient_at_the_ascended_point(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = NonlinearGenerators.Targets(rows, spec.C, dataSeed + 1);
        var loss = new Loss.Mse();
        double[] Grad(TwoLayerNet at)
        {
            var pass = ForwardPass.Of(at, x, rows, 1);
            return Backprop.Vjp(at, x, pass, loss.Gradient(pass.Output, y, rows, spec.C), 1);
        }
        var g = Grad(net);
        var norm = Parameters.Norm(g);
        if (norm == 0) return true;
        var expected = net.Moved(-0.05, Grad(net.Moved(0.2 / norm, g)));
        var step = ((Model.Network)NetStep.Step(new Model.Network(net), x, rows, y, loss, NetOptimiser.Sam(0.05, 0.2), threads: 1).Next).Net;
        return Parameters.Distance(step.Theta.AsSpan(), expected.Theta.AsSpan()) <= 1e-12 * (1 + Parameters.Norm(expected.Theta.AsSpan()));
    }

    // The linearised model's training gradient is J(θ0)ᵀ ∂L/∂F_lin: its loss is quadratic in Δ, so central differences are exact up to rounding.
    [Property(MaxTest = 40)]
    public bool The_linearised_models_gradient_matches_finite_differences(int raw, ulong seed, int dataSeed)
    {
        var spec = NonlinearGenerators.Spec(raw, [.. NonlinearGenerators.Smooth, new Activation.Relu()]);
        var net = NonlinearGenerators.Net(spec, seed);
        var rows = 1 + (int)((uint)dataSeed % 4);
        var x = NonlinearGenerators.Inputs(rows, spec.D, dataSeed);
        var y = NonlinearGenerators.Targets(rows, spec.C, dataSeed + 1);
        var loss = new Loss.Mse();
        Model lin = Model.LinearisationOf(net).Moved(0.1, NonlinearGenerators.Direction(spec, dataSeed + 5));
        var (f, pass) = lin.Evaluate(x, rows, threads: 1);
        var grad = lin.Pullback(x, pass, loss.Gradient(f, y, rows, spec.C), 1);
        var v = NonlinearGenerators.Direction(spec, dataSeed + 6);
        double L(Model m) => loss.Value(m.Evaluate(x, rows, threads: 1).Outputs, y, rows, spec.C);
        const double h = 1e-4;
        var numeric = (L(lin.Moved(h, v)) - L(lin.Moved(-h, v))) / (2 * h);
        return Math.Abs(numeric - Parameters.Dot(grad, v)) <= 1e-8 * (1 + Math.Abs(numeric));
    }

    [Property(MaxTest = 40)]
    public bool Pruning_keeps_the_largest_weights_and_their_count(int raw, ulong seed, int rawFraction)
    {
        var spec = NonlinearGenerators.Spec(raw);
        var net = NonlinearGenerators.Net(spec, seed);
        var fraction = ((uint)rawFraction % 101) / 100.0;
        var pruned = Pruning.Keep(net, fraction);
        var total = spec.M * spec.D + spec.C * spec.M;
        var kept = (int)Math.Ceiling(fraction * total - 1e-9);
        var original = net.W.ToArray().Concat(net.A.ToArray()).ToArray();
        var after = pruned.W.ToArray().Concat(pruned.A.ToArray()).ToArray();
        var smallestKept = after.Where(v => v != 0).Select(Math.Abs).DefaultIfEmpty(double.PositiveInfinity).Min();
        var largestDropped = original.Zip(after).Where(p => p.Second == 0 && p.First != 0).Select(p => Math.Abs(p.First)).DefaultIfEmpty(0).Max();
        return Pruning.NonzeroWeights(pruned) == Math.Min(kept, original.Count(v => v != 0))
            && smallestKept >= largestDropped
            && pruned.B.SequenceEqual(net.B) && pruned.C.SequenceEqual(net.C)
            && original.Zip(after).All(p => p.Second == 0 || p.Second == p.First);
    }

    // The blocked product against a plain triple loop, every transpose, and the same bytes on 1 or 2 threads.
    [Property(MaxTest = 40)]
    public bool Gemm_equals_the_naive_product_and_does_not_depend_on_threads(int rawM, int rawN, int rawK, int flags, int seed)
    {
        var m = 1 + (int)((uint)rawM % 70);
        var n = 1 + (int)((uint)rawN % 70);
        var k = 1 + (int)((uint)rawK % 300);
        var (ta, tb, accumulate) = ((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
        var a = Generators.Vector(m * k, seed);
        var b = Generators.Vector(k * n, seed + 1);
        var c0 = Generators.Vector(m * n, seed + 2);
        var one = (double[])c0.Clone();
        var two = (double[])c0.Clone();
        Gemm.Multiply(ta, tb, m, n, k, 0.75, a, b, one, accumulate, threads: 1);
        Gemm.Multiply(ta, tb, m, n, k, 0.75, a, b, two, accumulate, threads: 2);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                var expected = 0.75 * s + (accumulate ? c0[i * n + j] : 0.0);
                if (Math.Abs(one[i * n + j] - expected) > 1e-12 * (k + Math.Abs(expected))) return false;
            }
        return one.SequenceEqual(two);
    }
}
