using Lnsgd.Core.Numerics;
using FsCheck.Xunit;
using Lnsgd.Core;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>SAM (the paper's Section "Extension"): its reduction to SGD, its zero-gradient guard and its own exact identity.</summary>
public class SamTests
{
    [Property(MaxTest = 60)]
    public bool Sam_with_rho_zero_is_its_base_optimiser_bit_for_bit(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 40) with { Rho = 0.0 };
        var baseRun = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        var samRun = Simulation.Collect(RunSpec.Resolve(config with { Optimizer = config.Optimizer == "gd" ? "sam-gd" : "sam" }), Engine.Dense);
        return baseRun.Rows.SequenceEqual(samRun.Rows)
            && (baseRun.Final is null ? samRun.Final is null : baseRun.Final.W.SequenceEqual(samRun.Final!.W) && baseRun.Final.A.SequenceEqual(samRun.Final.A));
    }

    [Property]
    public bool A_zero_gradient_gives_no_perturbation_and_no_division_by_zero(int seed, int rawM)
    {
        var m = 1 + (int)((uint)rawM % 10);
        var net = Lnsgd.Core.Networks.Network.Own(m, 3, Generators.Vector(3 * m, seed), Generators.Vector(m, seed + 1));
        var zero = new double[3];
        var c = SamPerturbation.Coefficient(net, zero, 0.3);
        return c == 0.0 && ReferenceEquals(SamPerturbation.Apply(net, zero, c), net)
            && SamPerturbation.Coefficient(Lnsgd.Core.Networks.Network.Own(m, 3, new double[3 * m], new double[m]), [1.0, 2.0, 3.0], 0.3) == 0.0;
    }

    // Δ(‖w‖² − a²) = η²(ã²‖g̃‖² − (w̃·g̃)²) − 2ηc((w·g)(w·g̃) − a²(g·g̃)) at every step of generated SAM runs.
    [Property(MaxTest = 40)]
    public bool Sams_exact_identity_holds_at_every_step(int raw, ulong seed)
    {
        var config = Generators.Config(raw, seed, steps: 25, ["sam", "sam-gd"]);
        var spec = RunSpec.Resolve(config);
        var sam = spec.Optimiser;
        var rho = ((Ascent.Sam)sam.Ascent).Rho;
        var state = Optimisers.Init(spec.Optimiser, spec.Initial);
        for (var t = 0; t < config.Steps; t++)
        {
            var net = state.Net;
            var g = Gradient.At(sam.Oracle, spec.Problem, net.Theta(), config.Seed, t);
            var c = SamPerturbation.Coefficient(net, g, rho);
            var gTilde = Gradient.At(sam.Oracle, spec.Problem, SamPerturbation.Apply(net, g, c).Theta(), config.Seed, t);
            var next = Optimisers.Update(sam, spec.Problem, state, config.Seed).Net;
            if (!next.Theta().All(double.IsFinite)) return true;
            for (var i = 0; i < net.M; i++)
            {
                var w = net.Neuron(i);
                var w2 = next.Neuron(i);
                var measured = 0.0;
                for (var j = 0; j < w.Length; j++) measured += (w2[j] - w[j]) * (w2[j] + w[j]);
                measured -= (next.A[i] - net.A[i]) * (next.A[i] + net.A[i]);
                var predicted = SamPerturbation.BalanceChange(w, net.A[i], g, gTilde, c, sam.Eta);
                // Tolerance: 1e-9 of the size of the step's own terms, plus the rounding floor of storing w', a'.
                var terms = sam.Eta * (Math.Abs(Kernels.Dot(w, gTilde)) + Math.Abs(net.A[i]) * Math.Sqrt(Kernels.SquaredNorm(gTilde)))
                          * (Math.Sqrt(Kernels.SquaredNorm(w)) + Math.Abs(net.A[i]) + 1);
                var floor = 8 * 1.1102230246251565e-16 * (Kernels.SquaredNorm(w) + Kernels.SquaredNorm(w2) + net.A[i] * net.A[i] + next.A[i] * next.A[i]);
                if (Math.Abs(measured - predicted) > 1e-9 * terms + floor) return false;
            }
            state = new TrainState(next, t + 1);
        }
        return true;
    }

    // With label noise on, g stays away from 0. (Without it a run can reach exact interpolation,
    // where v/‖v‖ is the direction of rounding noise and any two exact engines part ways.)
    [Property(MaxTest = 15)]
    public bool Sam_runs_the_same_on_both_engines(int raw, ulong seed)
    {
        var c = Generators.Config(raw, seed, steps: 2000, ["sam", "sam-gd"]);
        c = c with { M = c.D + 2 + (int)((uint)raw % 10), Eta = 0.002, Rho = 0.05, Sigma = 1.0, Schedule = "constant" };
        return EngineAgreement.FinalNetworksAgree(RunSpec.Resolve(c));
    }
}
