using Xunit;
using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>
/// Heavy-ball momentum, the optimiser added through its own descent file, its schema entry and
/// these tests. The engine-equality, checkpoint and divergence properties cover it through
/// <see cref="Generators.AllOptimisers"/>; here: its state, its algebra, and the gram engine.
/// </summary>
public class MomentumTests
{
    private static RunConfig Momentum(int raw, ulong seed, long steps) =>
        Generators.Config(raw, seed, steps, ["momentum"]) with { Eta = 0.005, Beta = 0.5 + 0.1 * ((uint)raw % 5) };

    // Two steps written out from the definition, with vectors and in another order:
    // v₁ = ∇(Θ₀), Θ₁ = Θ₀ − η v₁; v₂ = β v₁ + ∇(Θ₁), Θ₂ = Θ₁ − η v₂, where ∇ = (a gᵀ, W g).
    [Property(MaxTest = 60)]
    public bool Two_steps_equal_the_definition_with_the_velocity_carried_in_the_state(int raw, ulong seed)
    {
        var config = Momentum(raw, seed, 2);
        var spec = RunSpec.Resolve(config);
        var beta = config.Beta;
        var (m, d, eta) = (config.M, config.D, config.Eta);
        var s0 = Optimisers.Init(spec.Optimiser, spec.Initial);
        if (s0.OptimiserState.Length != m * d + m || s0.OptimiserState.Any(v => v != 0.0)) return false;
        var s1 = Optimisers.Update(spec.Optimiser, spec.Problem, s0, config.Seed);
        var s2 = Optimisers.Update(spec.Optimiser, spec.Problem, s1, config.Seed);

        double[] LayerGradient(Lnsgd.Core.Networks.Network net, long t)
        {
            var g = Gradient.At(spec.Optimiser.Oracle, spec.Problem, net.Theta(), config.Seed, t);
            var grad = new double[m * d + m];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < d; j++) grad[i * d + j] = net.A[i] * g[j];
                grad[m * d + i] = net.Neuron(i).ToArray().Zip(g, (x, y) => x * y).Sum();
            }
            return grad;
        }
        var theta0 = spec.Initial.W.Concat(spec.Initial.A).ToArray();
        var v1 = LayerGradient(spec.Initial, 0);
        var theta1 = theta0.Zip(v1, (x, v) => x - eta * v).ToArray();
        var net1 = Lnsgd.Core.Networks.Network.Own(m, d, theta1[..(m * d)], theta1[(m * d)..]);
        var v2 = v1.Zip(LayerGradient(net1, 1), (v, g) => beta * v + g).ToArray();
        var theta2 = theta1.Zip(v2, (x, v) => x - eta * v).ToArray();

        var got = s2.Net.W.Concat(s2.Net.A).ToArray();
        var scale = 1 + theta2.Max(Math.Abs) + v2.Max(Math.Abs);
        return got.Zip(theta2).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * scale)
            && s2.OptimiserState.Zip(v2).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * scale)
            && s2.Step == 2;
    }

    // β = 0 forgets the velocity: the plain step, up to the rounding of η(a g) against (η a) g.
    [Property(MaxTest = 40)]
    public bool Beta_zero_is_sgd_up_to_rounding(int raw, ulong seed)
    {
        var config = Momentum(raw, seed, 30) with { Beta = 0.0 };
        var momentum = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense).Final;
        var sgd = Simulation.Collect(RunSpec.Resolve(config with { Optimizer = "sgd" }), Engine.Dense).Final;
        if (momentum is null || sgd is null) return (momentum is null) == (sgd is null);
        var scale = 1 + sgd.W.Max(Math.Abs) + sgd.A.Max(Math.Abs);
        return momentum.W.Zip(sgd.W).All(p => Math.Abs(p.First - p.Second) <= 1e-10 * scale)
            && momentum.A.Zip(sgd.A).All(p => Math.Abs(p.First - p.Second) <= 1e-10 * scale);
    }

    // Rotation equivariant, so the gram engine runs it on the d + 1 virtual neurons with their own
    // velocity; with label noise on the two exact engines agree to rounding over 2000 steps.
    [Property(MaxTest = 15)]
    public bool Momentum_runs_the_same_on_both_engines(int raw, ulong seed)
    {
        var c = Momentum(raw, seed, 2000);
        c = c with { M = c.D + 2 + (int)((uint)raw % 10), Eta = 0.002, Sigma = 1.0, Schedule = "constant" };
        return EngineAgreement.FinalNetworksAgree(RunSpec.Resolve(c));
    }

    [Fact]
    public void The_config_names_it_and_refuses_a_beta_outside_0_to_1_with_the_clis_line()
    {
        var config = new RunConfig { Optimizer = "momentum", Beta = 0.9, M = 50, Steps = 10 };
        var spec = RunSpec.Resolve(config);
        Assert.Equal(new MomentumStep(config.Eta, 0.9), spec.Optimiser.Descent);
        Assert.Equal("momentum", spec.Optimiser.Name);
        Assert.Equal(Engine.Gram, EngineChoice.Of(spec));   // auto: m > d + 1 and the gram engine is exact
        var refused = RunSpec.TryResolve(config with { Beta = 1.0 });
        Assert.Equal("invalid value for 'beta': '1' (allowed: finite number in [0, 1))", refused.ErrorMessage);
        Assert.Equal(refused.ErrorMessage, ConfigSchema.Find("beta")!.Apply(new RunConfig(), "1").ErrorMessage);
        Assert.Throws<ArgumentException>(() => RunSpec.Resolve(config with { Beta = -0.1 }));
    }

    // The fingerprint of format 1, written out: keys from before beta existed, the engine, the
    // input bytes. A default beta leaves it as it was, so checkpoints written then still resume.
    [Fact]
    public void Beta_at_its_default_leaves_the_fingerprint_of_older_checkpoints_unchanged()
    {
        var spec = RunSpec.Resolve(new RunConfig { M = 30, Steps = 10 });
        var text = new System.Text.StringBuilder("lnsgd checkpoint 1\n");
        foreach (var (key, value) in ConfigSchema.Describe(spec.Config).Where(kv => kv.Key != "beta")) text.Append(key).Append('=').Append(value).Append('\n');
        text.Append("engine=dense\n");
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        foreach (var values in new[] { spec.Problem.X, spec.Problem.XTest, spec.Problem.ThetaStar, spec.Initial.W, spec.Initial.A })
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        Assert.Equal(Convert.ToHexStringLower(sha.GetHashAndReset()), Checkpoint.FingerprintOf(spec, Engine.Dense));
        var other = RunSpec.Resolve(spec.Config with { Beta = 0.5 });
        Assert.NotEqual(Checkpoint.FingerprintOf(spec, Engine.Dense), Checkpoint.FingerprintOf(other, Engine.Dense));
    }
}
