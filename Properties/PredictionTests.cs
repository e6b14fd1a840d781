using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using Lnsgd.Core.Networks;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;
using Xunit;
using Net = Lnsgd.Core.Networks.Network;

namespace Lnsgd.Properties;

/// <summary>
/// Laws of the limiting flow (docs/prediction.md): the balance identity, monotone R, staying on Γ,
/// width independence, the closed-form endpoint, equivariance and the Lyapunov equation. Each
/// property draws a small problem (d ≤ 4, n ≥ d) and initial state from its seed.
/// </summary>
public class PredictionTests
{
    private static (ProblemGeometry Geometry, SyntheticProblem Problem, Net Initial) Draw(ulong seed, int m, int d = 3, int n = 12)
    {
        var problem = SyntheticProblem.Generate(n, 20, d, new Teacher.Dense(), 1.0, seed);
        var initial = Initialisation.Ntk(m, d, seed, 1.0, 3.0);
        return (ProblemGeometry.Of(problem), problem, initial);
    }

    private static Net ToNetwork(Matrix<double> z)
    {
        var (m, d) = (z.RowCount, z.ColumnCount - 1);
        return Net.Own(m, d, [.. Enumerable.Range(0, m * d).Select(k => z[k / d, k % d])], [.. Enumerable.Range(0, m).Select(i => z[i, d])]);
    }

    [Property(MaxTest = 20)]
    public bool On_gamma_the_flow_moves_each_balance_by_the_label_noise_part_of_the_exact_expected_drift(ulong seed)
    {
        var (geometry, problem, initial) = Draw(seed, m: 5);
        var z = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        const double eta = 1e-3, sigma = 2.0;
        var field = new RegulariserFlow(geometry, StepNoise.Sgd(eta, sigma, 1), new FlowKind.Limit()).Field(z) * (eta * eta * sigma * sigma);
        var net = ToNetwork(z);
        for (var i = 0; i < z.RowCount; i++)
        {
            // d(‖w_i‖² − a_i²)/dk = 2 z_i J ż_iᵀ with J = diag(I_d, −1).
            var d = z.ColumnCount - 1;
            var rate = 0.0;
            for (var j = 0; j < d; j++) rate += 2 * z[i, j] * field[i, j];
            rate -= 2 * z[i, d] * field[i, d];
            var expected = ExpectedDrift.Of(problem, net, i, eta, sigma).Noise;
            if (Math.Abs(rate - expected) > 1e-10 * Math.Abs(expected) + 1e-22) return false;
        }
        return true;
    }

    [Property(MaxTest = 10)]
    public bool Along_the_limit_flow_R_never_increases_and_the_state_stays_on_gamma(ulong seed)
    {
        var (geometry, _, initial) = Draw(seed, m: 6);
        var flow = new RegulariserFlow(geometry, StepNoise.Sgd(1e-3, 1.0, 1), new FlowKind.Limit());
        var start = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        var previous = ImplicitRegulariser.Value(VirtualState.Gram(start), geometry.Sigma);
        foreach (var z in flow.Path(start, 0, Enumerable.Range(1, 30).Select(k => 0.2 * k)))
        {
            var g = VirtualState.Gram(z);
            var r = ImplicitRegulariser.Value(g, geometry.Sigma);
            if (r > previous * (1 + 1e-9) || Retraction.Miss(g, geometry) > 1e-11) return false;
            previous = r;
        }
        return true;
    }

    [Property(MaxTest = 8)]
    public bool The_virtual_network_flow_equals_the_all_neuron_flow(ulong seed)
    {
        var (geometry, problem, initial) = Draw(seed, m: 9);
        var expansion = NeuronExpansion.Of(initial);
        var tight = new OdeTolerance(1e-12, 1e-15);
        var taus = new[] { 0.5, 2.0 };
        var flowV = new RegulariserFlow(geometry, StepNoise.Sgd(1e-3, 1.0, 1), new FlowKind.Limit());
        var flowA = new RegulariserFlow(geometry, StepNoise.Sgd(1e-3, 1.0, 1), new FlowKind.Limit());
        var virt = flowV.Path(GradientFlowStart.Of(expansion.Rows, geometry), 0, taus, tight).ToList();
        var all = flowA.Path(GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry), 0, taus, tight).ToList();
        for (var k = 0; k < taus.Length; k++)
        {
            var rowV = expansion.Measure(virt[k], 0, problem);
            var rowA = Lnsgd.Core.Measures.Metrics.Row(0, problem, initial, ToNetwork(all[k]));
            foreach (var (a, b) in rowV.Values().Zip(rowA.Values()))
                if (Math.Abs(a - b) > 1e-9 * (1 + Math.Abs(b))) return false;
        }
        return true;
    }

    [Property(MaxTest = 6)]
    public bool The_integrated_endpoint_is_the_closed_form_minimiser(ulong seed)
    {
        var (geometry, _, initial) = Draw(seed, m: 6, d: 2, n: 10);
        var flow = new RegulariserFlow(geometry, StepNoise.Sgd(1e-3, 1.0, 1), new FlowKind.Limit());
        var start = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        var end = VirtualState.Gram(flow.Path(start, 0, [400.0], new OdeTolerance(1e-12, 1e-15)).Single());
        var best = RegulariserMinimiser.Of(geometry)!;
        return (end - best.Gram).FrobeniusNorm() <= 1e-8 * best.Gram.FrobeniusNorm()
            && Math.Abs(ImplicitRegulariser.Value(best.Gram, geometry.Sigma) - best.Value) <= 1e-12 * best.Value;
    }

    [Property(MaxTest = 10)]
    public bool Permuting_the_neurons_commutes_with_the_flow(ulong seed)
    {
        var (geometry, _, initial) = Draw(seed, m: 5);
        var z = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        var order = Enumerable.Range(0, z.RowCount).OrderBy(i => (i * 7 + (int)(seed % 5)) % z.RowCount).ToArray();
        var permuted = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (i, j) => z[order[i], j]);
        Matrix<double> Flow(Matrix<double> s) => new RegulariserFlow(geometry, StepNoise.Sgd(1e-3, 1.0, 1), new FlowKind.Limit()).Path(s, 0, [1.5]).Single();
        var a = Flow(z);
        var b = Flow(permuted);
        var aPermuted = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (i, j) => a[order[i], j]);
        return (aPermuted - b).FrobeniusNorm() <= 1e-10 * (1 + a.FrobeniusNorm());
    }

    [Property(MaxTest = 20)]
    public bool The_stationary_covariance_satisfies_its_lyapunov_equation(ulong seed, bool fullBatch)
    {
        var (geometry, _, initial) = Draw(seed, m: 7);
        var g = VirtualState.Gram(NeuronExpansion.RowsOf(initial));
        var noise = fullBatch ? StepNoise.Gd(1e-3, 2.0, 12) : StepNoise.Sgd(1e-3, 2.0, 2);
        var c = StationaryResidual.Solve(g, geometry, noise);
        if (c is null) return false;
        var scale = (noise.Eta * (VirtualState.ThetaKernel(g) * noise.GradientMoment(geometry, c) * VirtualState.ThetaKernel(g))).FrobeniusNorm();
        return StationaryResidual.Residual(c, g, geometry, noise).FrobeniusNorm() <= 1e-9 * scale;
    }

    /// <summary>
    /// The mean residual cancels the normal part of the regulariser's pull: per step the raw field
    /// −¼Z·B (τ = η²σ_b²k) moves θ by −(η²σ_b²/4)θ̇(B), the loss gradient at the residual,
    /// −ηZ S(Σ̂δ), by −ηK_θΣ̂δ; on X's row space the two sum to zero (n &lt; d included).
    /// </summary>
    [Property(MaxTest = 30)]
    public bool The_mean_residual_cancels_the_normal_pull_of_the_regulariser(ulong seed, bool wide)
    {
        var (geometry, _, initial) = Draw(seed, m: 7, d: wide ? 4 : 3, n: wide ? 3 : 12);
        var g = VirtualState.Gram(Retraction.OntoManifold(NeuronExpansion.RowsOf(initial), geometry));
        var noise = StepNoise.Sgd(1e-3, 2.0, 1);
        var c = StationaryResidual.Solve(g, geometry, noise);
        if (c is null) return false;
        var sigma = noise.GradientMoment(geometry, c) / noise.NoiseVariance;
        var residual = MeanResidual.Of(g, sigma, geometry, noise);
        var pull = -(noise.Eta * noise.Eta * noise.NoiseVariance / 4) * VirtualState.ThetaVelocity(g, ImplicitRegulariser.GradientFactor(sigma));
        var restoring = -noise.Eta * VirtualState.ThetaVelocity(g, VirtualState.Normal(geometry.Sigma * residual));
        var net = geometry.RowSpace.TransposeThisAndMultiply(pull + restoring);
        // The residual lies in X's row space: off it the loss has no gradient to pull with.
        var off = residual - geometry.RowSpace * geometry.RowSpace.TransposeThisAndMultiply(residual);
        return net.L2Norm() <= 1e-10 * pull.L2Norm() && off.L2Norm() <= 1e-12 * (1 + residual.L2Norm());
    }

    /// <summary>The corrected flow's records sit on the parallel manifold of their mean residual: θ(Z) = θ⋆ + δ − Uθ.</summary>
    [Property(MaxTest = 6)]
    public bool The_corrected_flow_stays_on_the_parallel_manifold_of_its_mean_residual(ulong seed)
    {
        var (geometry, _, initial) = Draw(seed, m: 8);
        var noise = StepNoise.Sgd(2e-3, 2.0, 1);
        var flow = new RegulariserFlow(geometry, noise, new FlowKind.Corrected());
        var start = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        var trajectory = flow.Trajectory(start, 2.0);
        foreach (var tau in new[] { 0.5, 1.0, 2.0 })
        {
            var g = VirtualState.Gram(trajectory.State(tau));
            var c = StationaryResidual.Solve(g, geometry, noise);
            if (c is null) return false;
            var goal = MeanResidual.StateTheta(g, c, noise.GradientMoment(geometry, c) / noise.NoiseVariance, geometry, noise);
            var shift = (goal - geometry.ThetaStar).L2Norm();
            // The goal is taken at the last solve of C and the state is read between steps: agree to a small part of the shift.
            if (shift == 0 || (VirtualState.Theta(g) - goal).L2Norm() > 0.05 * shift) return false;
        }
        return true;
    }

    /// <summary>
    /// The corrected field's balance drift is the paper's identity on the fluctuating network: summed
    /// over the rows, d(‖W‖² − ‖a‖²)/dτ = tr Σ̃'·Ĝ_aa − tr(Σ̃'Ĝ_ww) with Ĝ = G + ΔG (BalanceClosure),
    /// and the closure keeps θ (the field stays tangent to Γ).
    /// </summary>
    [Property(MaxTest = 20)]
    public bool The_corrected_flow_moves_the_balance_by_the_identity_on_the_expected_gram_matrix(ulong seed)
    {
        var (geometry, _, initial) = Draw(seed, m: 6);
        var noise = StepNoise.Sgd(1e-3, 2.0, 1);
        var z = GradientFlowStart.Of(NeuronExpansion.RowsOf(initial), geometry);
        var field = new RegulariserFlow(geometry, noise, new FlowKind.Corrected()).Field(z);
        var g = VirtualState.Gram(z);
        var c = StationaryResidual.Solve(g, geometry, noise);
        if (c is null) return false;
        var sigma = noise.GradientMoment(geometry, c) / noise.NoiseVariance;
        var hat = g + FluctuationGram.Of(g, c);
        var d = z.ColumnCount - 1;
        var expected = sigma.Trace() * hat[d, d] - (sigma * hat.SubMatrix(0, d, 0, d)).Trace();
        var rate = 0.0;
        for (var i = 0; i < z.RowCount; i++)
        {
            for (var j = 0; j < d; j++) rate += 2 * z[i, j] * field[i, j];
            rate -= 2 * z[i, d] * field[i, d];
        }
        var thetaDot = VirtualState.Theta(z.TransposeThisAndMultiply(field) + field.TransposeThisAndMultiply(z));
        return Math.Abs(rate - expected) <= 1e-9 * (Math.Abs(expected) + sigma.Trace() * hat[d, d])
            && thetaDot.L2Norm() <= 1e-9 * field.FrobeniusNorm() * z.FrobeniusNorm();
    }

    /// <summary>Without fluctuation the expected cosines are the expanded network's own mean and min |cos|.</summary>
    [Property(MaxTest = 30)]
    public bool Without_fluctuation_the_expected_cosines_are_the_measured_ones(ulong seed, bool wide)
    {
        var (geometry, problem, initial) = Draw(seed, m: wide ? 40 : 3);
        var expansion = NeuronExpansion.Of(initial);
        var row = expansion.Measure(expansion.Rows, 0, problem);
        var (mean, min) = expansion.ExpectedCosines(expansion.Rows, Matrix<double>.Build.Dense(3, 3), geometry.ThetaStar);
        return Math.Abs(mean - row.MeanCos) <= 1e-12 && Math.Abs(min - row.MinCos) <= 1e-12;
    }

    /// <summary>
    /// The expected mean |cos| under the collective kick δw_i = a_i u, u ~ N(0, U), against a Monte
    /// Carlo average over 16,000 draws of u (fixed seed): within 4 standard errors plus 5·10⁻⁴ for the
    /// expansion's own error.
    /// </summary>
    [Property(MaxTest = 20)]
    public bool The_expected_cosines_match_a_monte_carlo_average_over_the_kick(ulong seed)
    {
        // m ≤ d + 1: the rows are the neurons themselves.
        var (geometry, _, initial) = Draw(seed, m: 4);
        var expansion = NeuronExpansion.Of(initial);
        var z = expansion.Rows;

        // The law's domain: the kick is small against each neuron's size and its signed cosine stays
        // clear of the fold at 0, a_i² tr U ≤ ‖w_i‖² min(0.03, c_i²/9) (fig2's plateau has about 0.03).
        // Near the fold the normal approximation of c_i is off by up to ~10⁻² per neuron.
        var t0 = geometry.ThetaStar / geometry.ThetaStar.L2Norm();
        var ratio = Enumerable.Range(0, z.RowCount).Min(i =>
        {
            var w = z.Row(i, 0, 3);
            var c = w.DotProduct(t0) / w.L2Norm();
            return Math.Min(0.03, c * c / 9) * w.DotProduct(w) / (z[i, 3] * z[i, 3]);
        });
        var root = Matrix<double>.Build.Random(3, 3, new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister((int)(seed % int.MaxValue))));
        var u = root * root.Transpose();
        u *= Math.Min(ratio, 1e3) / u.Trace();
        var (expected, _) = expansion.ExpectedCosines(z, u, geometry.ThetaStar);
        var factor = u.Cholesky().Factor;
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(7));
        var t = geometry.ThetaStar / geometry.ThetaStar.L2Norm();
        var draws = new double[16_000];
        for (var k = 0; k < draws.Length; k++)
        {
            var kick = factor * Vector<double>.Build.Dense(3, _ => normal.Sample());
            draws[k] = Enumerable.Range(0, z.RowCount).Average(i =>
            {
                var w = z.Row(i, 0, 3) + z[i, 3] * kick;
                return Math.Abs(w.DotProduct(t)) / w.L2Norm();
            });
        }
        var mean = draws.Average();
        var se = Math.Sqrt(draws.Sum(v => (v - mean) * (v - mean)) / (draws.Length - 1) / draws.Length);
        return Math.Abs(expected - mean) <= 4 * se + 5e-4;
    }

    [Property(MaxTest = 30)]
    public bool The_column_field_equals_the_projected_gradient_of_R(ulong seed, bool virtualRows)
    {
        var (geometry, _, initial) = Draw(seed, m: 8);
        var z = virtualRows ? NeuronExpansion.Of(initial).Rows : NeuronExpansion.RowsOf(initial);
        // A symmetric positive definite Σ other than Σ̂, as the corrected flow's Σ̃/σ² is.
        var sigma = geometry.Sigma + 0.3 * Matrix<double>.Build.DenseIdentity(geometry.D) * (1 + seed % 7);
        var fast = ProjectedField.Of(z, sigma, geometry);
        var general = -0.25 * (z * TangentProjection.Project(VirtualState.Gram(z), ImplicitRegulariser.GradientFactor(sigma), geometry.RowSpace));
        return (fast - general).FrobeniusNorm() <= 1e-12 * (1 + general.FrobeniusNorm());
    }

    [Property(MaxTest = 20)]
    public bool The_continuous_extension_is_fourth_order_accurate_between_steps(ulong seed)
    {
        // y' = −y Λ has y(t) = y0 e^{−Λt} column by column; read the solution between the solver's steps.
        var rates = new[] { 0.5 + seed % 5, 2.0, 0.1 + (seed % 3) / 10.0 };
        var y0 = Matrix<double>.Build.Dense(2, 3, (i, j) => 1 + i + j);
        var lambda = Matrix<double>.Build.DenseOfDiagonalArray(rates);
        var (solution, _) = DormandPrince.Integrate((_, y) => -(y * lambda), y0, 0, 3, 0, new OdeTolerance(1e-9, 1e-12));
        for (var k = 1; k < 60; k++)
        {
            var t = 3.0 * k / 60 + 0.013 * (seed % 3);
            if (t > 3) continue;
            var y = solution.At(t);
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 3; j++)
                    if (Math.Abs(y[i, j] - y0[i, j] * Math.Exp(-rates[j] * t)) > 1e-7 * y0[i, j]) return false;
        }
        return solution.Steps > 1;
    }

    [Fact]
    public void The_escape_law_on_its_own_agrees_with_the_full_predictions_milestones()
    {
        var spec = RunSpec.Resolve(new RunConfig { M = 200, Steps = 40_000, RecordEvery = 2_000 });
        var alone = EscapeLaw.Of(spec);
        var full = Predictor.Of(spec).Steps;
        // Both bisect the same flow to 0.5 % of the step count.
        Assert.InRange(alone.All!.Value / full.EscapeAll!.Value, 0.99, 1.01);
        Assert.InRange(alone.First!.Value / full.EscapeFirst!.Value, 0.99, 1.01);
    }

    [Fact]
    public void The_escape_law_predicts_when_every_neuron_of_fig2_has_left_the_lazy_ball()
    {
        // fig2's seed 0, recorded every 50 steps until every neuron has escaped: 1.25 % resolution at ~4,000 steps.
        var config = Presets.Find("fig2")!.Config with { Steps = 20_000, RecordEvery = 50, Snapshots = 2 };
        var spec = RunSpec.Resolve(config);
        var measured = Simulation.Run(spec, Lnsgd.Core.Engines.Engine.Gram).OfType<RunEvent.Recorded>().First(r => r.Row.EscapedFrac >= 1).Row.Step;
        var predicted = EscapeLaw.Of(spec).All!.Value;
        Assert.InRange(measured / predicted, 0.8, 1.25);
    }

    [Fact]
    public void Without_label_noise_nothing_moves_along_gamma()
    {
        var prediction = Predictor.Of(RunSpec.Resolve(new RunConfig { Sigma = 0, M = 50, Steps = 10_000, RecordEvery = 1_000 }));
        var curve = prediction.Corrected.MeanWSq;
        Assert.All(curve, v => Assert.Equal(curve[0], v, 12));
        Assert.Null(prediction.Steps.Phase1Half);
        Assert.Equal(0, prediction.Stationary.ThetaErrSq);
    }

    [Fact]
    public void Predict_refuses_what_the_theory_does_not_cover()
    {
        Assert.NotNull(Applicability.Refusal(new RunConfig { Optimizer = "sam" }));
        Assert.NotNull(Applicability.Refusal(new RunConfig { Optimizer = "oscillation" }));
        Assert.NotNull(Applicability.Refusal(new RunConfig { Schedule = "periodic" }));
        Assert.Null(Applicability.Refusal(new RunConfig()));
    }
}
