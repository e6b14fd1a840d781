namespace Lnsgd.Core.RealWorld;

/// <summary>
/// The in-place twin of <see cref="Nonlinear.NetStep.Step"/> for the teacher task's networks
/// (one output, no biases, standard parameterisation, MSE, plain gradient step): neuron by neuron,
/// without matrices or allocation, about forty times faster at batch 1. A property test holds it
/// to the pure step.
/// </summary>
public static class TeacherKernel
{
    /// <summary>
    /// One step on θ = (W, b, A, c) in place: inputs <paramref name="x"/> (batch×d), targets
    /// <paramref name="y"/> (batch), loss 0.5·mean (f − y)². <paramref name="hidden"/> and
    /// <paramref name="slope"/> are scratch of batch·m values. Returns the batch loss before the step.
    /// </summary>
    public static double Step(Nonlinear.NetSpec spec, double[] theta, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double eta,
        Span<double> hidden, Span<double> slope)
    {
        var (d, m) = (spec.D, spec.M);
        var batch = y.Length;
        var w = theta.AsSpan(spec.OffsetW, m * d);
        var a = theta.AsSpan(spec.OffsetA, m);
        var activation = spec.Activation;
        Span<double> residual = batch <= 256 ? stackalloc double[batch] : new double[batch];
        var loss = 0.0;
        for (var b = 0; b < batch; b++)
        {
            var xb = x.Slice(b * d, d);
            var h = hidden.Slice(b * m, m);
            var s = slope.Slice(b * m, m);
            for (var i = 0; i < m; i++) h[i] = Nonlinear.Parameters.Dot(w.Slice(i * d, d), xb);
            activation.Map(h, h, s);
            var f = Nonlinear.Parameters.Dot(a, h);
            var r = f - y[b];
            loss += r * r;
            residual[b] = r / batch;
        }
        for (var i = 0; i < m; i++)
        {
            var ai = a[i];
            var gA = 0.0;
            var wi = w.Slice(i * d, d);
            for (var b = 0; b < batch; b++)
            {
                gA += residual[b] * hidden[b * m + i];
                var coefficient = residual[b] * ai * slope[b * m + i];
                if (coefficient != 0.0) Gemm.Axpy(-eta * coefficient, x.Slice(b * d, d), wi);
            }
            a[i] = ai - eta * gA;
        }
        return 0.5 * loss / batch;
    }
}
