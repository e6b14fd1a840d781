using Lnsgd.Core.Nonlinear;

namespace Lnsgd.Properties;

/// <summary>Small random nonlinear networks and inputs from raw integers, for the nonlinear properties.</summary>
internal static class NonlinearGenerators
{
    /// <summary>The smooth activations (finite differences need no kinks).</summary>
    public static readonly Activation[] Smooth = [new Activation.Erf(), new Activation.Tanh(), new Activation.Identity()];

    /// <summary>A spec: d in [1, 6], m in [1, 7], c in [1, 3], any of <paramref name="activations"/>, either parameterisation, with or without biases.</summary>
    public static NetSpec Spec(int raw, Activation[]? activations = null)
    {
        activations ??= Smooth;
        var r = (uint)raw;
        var d = 1 + (int)(r % 6); r /= 6;
        var m = 1 + (int)(r % 7); r /= 7;
        var c = 1 + (int)(r % 3); r /= 3;
        var activation = activations[(int)(r % (uint)activations.Length)]; r /= (uint)activations.Length;
        Parameterisation param = (r & 1) == 0 ? new Parameterisation.Standard() : new Parameterisation.Ntk(); r >>= 1;
        var bias = (r & 1) == 0; r >>= 1;
        var wStd = 0.5 + (r % 4) * 0.5;
        return new NetSpec(d, m, c, activation, param, wStd, bias ? 0.7 : 0.0, bias);
    }

    /// <summary>A random network of <paramref name="spec"/> (the project's initialisation at <paramref name="seed"/>).</summary>
    public static TwoLayerNet Net(NetSpec spec, ulong seed) => TwoLayerNet.Init(spec, seed);

    /// <summary>A batch of <paramref name="rows"/> inputs in [−1.5, 1.5].</summary>
    public static double[] Inputs(int rows, int d, int seed) => Generators.Vector(rows * d, seed, 1.5);

    /// <summary>Soft targets: a random distribution per row (valid for MSE and cross-entropy).</summary>
    public static double[] Targets(int rows, int c, int seed)
    {
        var raw = Generators.Vector(rows * c, seed);
        var y = new double[rows * c];
        for (var i = 0; i < rows; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < c; k++) { y[i * c + k] = Math.Exp(raw[i * c + k]); sum += y[i * c + k]; }
            for (var k = 0; k < c; k++) y[i * c + k] /= sum;
        }
        return y;
    }

    /// <summary>The loss of a network on a batch.</summary>
    public static double LossOf(TwoLayerNet net, Loss loss, double[] x, int rows, double[] y) =>
        loss.Value(ForwardPass.Of(net, x, rows, 1).Output, y, rows, net.Spec.C);

    /// <summary>A direction in parameter space, zero on frozen biases.</summary>
    public static double[] Direction(NetSpec spec, int seed)
    {
        var v = Generators.Vector(spec.Count, seed);
        if (!spec.Bias)
        {
            Array.Clear(v, spec.OffsetB, spec.M);
            Array.Clear(v, spec.OffsetC, spec.C);
        }
        return v;
    }
}
