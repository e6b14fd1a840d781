using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

namespace Lnsgd.Properties;

/// <summary>The exported arrays describe the run exactly: the tape replays it, the inputs rebuild it.</summary>
public class RunArraysProperties
{
    private static readonly Gen<RunConfig> Configs =
        from n in Gen.Choose(1, 8)
        from d in Gen.Choose(1, 5)
        from m in Gen.Choose(1, 4)
        from batch in Gen.Choose(1, n)
        from steps in Gen.Choose(1, 12)
        from optimizer in Gen.Elements("sgd", "gd")
        from noise in Gen.Elements("rademacher", "gaussian")
        from sigma in Gen.Elements(0.0, 0.5, 4.0)
        from seed in Gen.Choose(0, 1_000_000)
        select new RunConfig
        {
            N = n, NTest = 3, D = d, M = m, Batch = batch, Steps = steps, Optimizer = optimizer, Noise = noise,
            Sigma = sigma, Seed = (ulong)seed, Eta = 0.01, Snapshots = 2, RecordEvery = 5,
        };

    [Property(MaxTest = 200)]
    public Property Replaying_the_tape_gives_the_pure_fold_bit_for_bit() =>
        Prop.ForAll(Configs.ToArbitrary(), config =>
        {
            var spec = RunSpec.Resolve(config);
            var tape = RunArrays.Tape(spec).ToDictionary(e => e.Name, e => e.Array);
            var index = (NpyArray.Int64)tape["index"];
            var noise = (NpyArray.Float64)tape["noise"];
            var width = index.Shape[1];
            if (index.Shape[0] != config.Steps || width != RunArrays.TapeWidth(config) || !noise.Shape.SequenceEqual(index.Shape)) return false;

            var specNet = spec.Initial;
            var state = Optimisers.Init(spec.Optimiser, spec.Initial);
            for (var t = 0; t < config.Steps; t++)
            {
                // What a numpy user does with the tape: g = mean over the slots of (θᵀx − y − ε)·x.
                var theta = specNet.Theta();
                var g = new double[config.D];
                for (var s = 0; s < width; s++)
                {
                    var row = (int)index.Data[t * width + s];
                    var r = Gradient.Residual(theta, spec.Problem.Row(row), spec.Problem.Y[row], noise.Data[t * width + s]);
                    for (var j = 0; j < g.Length; j++) g[j] += r * spec.Problem.Row(row)[j];
                }
                if (width > 1) for (var j = 0; j < g.Length; j++) g[j] /= width;
                specNet = TwoLayerUpdate.Apply(specNet, g, config.Eta);
                state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);
            }
            return RunArrays.Weights(specNet).SequenceEqual(RunArrays.Weights(state.Net));
        });

    [Property(MaxTest = 50)]
    public Property Exported_problem_and_weights_read_back_as_the_same_run() =>
        Prop.ForAll(Configs.ToArbitrary(), config =>
        {
            var spec = RunSpec.Resolve(config);
            var problemArrays = Npz.Parse(Npz.ToBytes(RunArrays.Problem(spec.Problem, spec.Initial)));
            var weightArrays = Npz.Parse(Npz.ToBytes(RunArrays.Weights(spec.Initial)));
            var (problem, e1) = RunInputs.Problem(problemArrays);
            var (initial, e2) = RunInputs.Initial(weightArrays, config.M, config.D);
            if (problem is null || initial is null || e1 is not null || e2 is not null) return false;
            // Labels are recomputed from X and θ⋆, with the same arithmetic, so they match bit for bit.
            return RunArrays.Problem(problem, initial).SequenceEqual(RunArrays.Problem(spec.Problem, spec.Initial));
        });

    [Property(MaxTest = 50)]
    public Property Weights_of_the_wrong_shape_are_refused_with_one_line() =>
        Prop.ForAll(Configs.ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (config, delta) =>
        {
            var spec = RunSpec.Resolve(config);
            var arrays = Npz.Parse(Npz.ToBytes(RunArrays.Weights(spec.Initial)));
            var (net, error) = RunInputs.Initial(arrays, config.M + delta, config.D);
            return net is null && error is { } line && !line.Contains('\n');
        });

    [Property(MaxTest = 50)]
    public Property Sam_has_the_tape_of_its_base_and_oscillation_has_none() =>
        Prop.ForAll(Configs.ToArbitrary(), config =>
        {
            var sam = config with { Optimizer = config.Optimizer == "gd" ? "sam-gd" : "sam", Rho = 0.1 };
            return RunArrays.Tape(RunSpec.Resolve(sam)).SequenceEqual(RunArrays.Tape(RunSpec.Resolve(config)))
                && RunArrays.TapeError(config with { Optimizer = "oscillation" }) is { } error && !error.Contains('\n');
        });
}
