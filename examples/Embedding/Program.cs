using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;

// Fig. 2's preset, shortened: label noise SGD on the paper's reference setting (n=200, d=20, m=1000).
var config = Presets.Find("fig2")!.Config with { Steps = 20_000, RecordEvery = 5_000 };
var spec = RunSpec.Resolve(config);
Console.WriteLine($"engine: {EngineChoice.Name(EngineChoice.Of(spec))}");   // engine = auto: gram here

var run = Simulation.Collect(spec);                                         // on the config's engine
foreach (var row in run.Rows)
    Console.WriteLine($"step {row.Step,6}  mean_w_sq {row.MeanWSq:F6}  mean_cos {row.MeanCos:F6}  train_loss {row.TrainLoss:F6}");

// A value the CLI refuses is refused here with the CLI's line: as a value, or as an exception.
Console.WriteLine(RunSpec.TryResolve(config with { Optimizer = "adam" }).ErrorMessage);

// The optimiser as a pure fold of its step equals the dense engine bit for bit; networks compare by value.
var small = RunSpec.Resolve(config with { M = 100, Steps = 2_000 });
var state = Optimisers.Init(small.Optimiser, small.Initial);
while (state.Step < small.Config.Steps)
    state = Optimisers.Update(small.Optimiser, small.Problem, state, small.Config.Seed);
Console.WriteLine($"fold equals the dense engine: {state.Net == Simulation.Collect(small, Engine.Dense).Final}");
