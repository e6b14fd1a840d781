using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// What is trained: the network itself, or its linearisation at θ0,
/// f_lin(x; θ) = f(x; θ0) + J(x; θ0)(θ − θ0), carried as the offset Δ = θ − θ0. The linearised
/// model is evaluated by a Jacobian-vector product and trained by vector-Jacobian products at
/// θ0, never forming J.
/// </summary>
public abstract record Model
{
    private Model() { }

    /// <summary>The two-layer network.</summary>
    public sealed record Network(TwoLayerNet Net) : Model;

    /// <summary>The linearisation of <paramref name="Origin"/> moved by <paramref name="Delta"/> (parameter layout).</summary>
    public sealed record Linearised(TwoLayerNet Origin, ImmutableArray<double> Delta) : Model;

    /// <summary>The linearisation of <paramref name="origin"/> at Δ = 0: equal to the network there.</summary>
    public static Linearised LinearisationOf(TwoLayerNet origin) =>
        new(origin, ImmutableCollectionsMarshal.AsImmutableArray(new double[origin.Spec.Count]));

    /// <summary>The parameter point θ (θ0 + Δ for the linearised model), e.g. to measure ‖W‖_F.</summary>
    public TwoLayerNet Point => this switch
    {
        Network n => n.Net,
        Linearised l => l.Origin.Moved(1.0, l.Delta.AsSpan()),
        _ => throw new InvalidOperationException("unknown model"),
    };

    /// <summary>
    /// The outputs on <paramref name="rows"/> inputs and the forward pass the gradient needs (the
    /// network's, or θ0's for the linearised model). <paramref name="origin"/>, if given, is θ0's
    /// pass on these inputs, so a linearised model need not recompute it.
    /// </summary>
    public (double[] Outputs, ForwardPass Pass) Evaluate(double[] x, int rows, ForwardPass? origin = null, int threads = 0)
    {
        switch (this)
        {
            case Network n:
                var pass = ForwardPass.Of(n.Net, x, rows, threads);
                return (pass.Output, pass);
            case Linearised l:
                var at0 = origin ?? ForwardPass.Of(l.Origin, x, rows, threads);
                var change = Backprop.Jvp(l.Origin, x, at0, ImmutableCollectionsMarshal.AsArray(l.Delta)!, threads);
                Gemm.Axpy(1.0, at0.Output, change);
                return (change, at0);
            default:
                throw new InvalidOperationException("unknown model");
        }
    }

    /// <summary>Jᵀ G at the model's Jacobian point (θ for the network, θ0 for the linearised model).</summary>
    public double[] Pullback(double[] x, ForwardPass pass, double[] g, int threads = 0) => this switch
    {
        Network n => Backprop.Vjp(n.Net, x, pass, g, threads),
        Linearised l => Backprop.Vjp(l.Origin, x, pass, g, threads),
        _ => throw new InvalidOperationException("unknown model"),
    };

    /// <summary>The model moved by α·v in parameter space.</summary>
    public Model Moved(double alpha, ReadOnlySpan<double> v) => this switch
    {
        Network n => new Network(n.Net.Moved(alpha, v)),
        Linearised l => l with { Delta = ImmutableCollectionsMarshal.AsImmutableArray(Parameters.Add(l.Delta.AsSpan(), alpha, v)) },
        _ => throw new InvalidOperationException("unknown model"),
    };

    /// <summary>True when every parameter is finite.</summary>
    public bool IsFinite() => this switch
    {
        Network n => n.Net.IsFinite(),
        Linearised l => l.Delta.All(double.IsFinite),
        _ => false,
    };
}
