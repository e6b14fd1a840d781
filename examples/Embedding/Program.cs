using Lnsgd.Core.Simulation;
using Lnsgd.Core.Training;

// A short label noise SGD run on a narrow net, folded step by step with the pure API.
var config = new RunConfig { M = 100, Steps = 2000, RecordEvery = 500, Seed = 7 };
var spec = RunSpec.Resolve(config);

var state = Optimisers.Init(spec.Initial);
while (state.Step < config.Steps)
    state = Optimisers.Update(spec.Optimiser, spec.Problem, state, config.Seed);

// The same run through the recorder: identical final weights, plus metrics.
var run = Simulation.Collect(spec);
foreach (var row in run.Rows)
    Console.WriteLine($"step {row.Step,5}  mean_w_sq {row.MeanWSq:F6}  mean_cos {row.MeanCos:F6}  train_loss {row.TrainLoss:F6}");
Console.WriteLine($"fold equals recorder: {run.Final!.W.SequenceEqual(state.Net.W) && run.Final.A.SequenceEqual(state.Net.A)}");
