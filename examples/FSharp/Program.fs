// The embedding example in F#: Fig. 2's preset, shortened, on the default engine.
open Lnsgd.Core
open Lnsgd.Core.Engines
open Lnsgd.Core.Simulations

// A preset changed by key, as `--set` does; every step returns a Result.
let config =
    Presets.Named("fig2")
        .Bind(fun p -> ConfigSchema.With(p.Config, "steps", "20000"))
        .Bind(fun c -> ConfigSchema.With(c, "record_every", "5000"))
        .ValueOrThrow()
let spec = RunSpec.Resolve config
printfn "engine: %s" (EngineChoice.Name(EngineChoice.Of spec))   // engine = auto: gram here

let run = Simulation.Collect spec
for row in run.Rows do
    printfn "step %6d  mean_w_sq %.6f  mean_cos %.6f  train_loss %.6f" row.Step row.MeanWSq row.MeanCos row.TrainLoss

// Refusals are values carrying the line the CLI prints; typed configs are built with named setters.
match RunSpec.TryResolve(RunConfig(Optimizer = "adam")) with
| :? Result<RunSpec>.Ok as ok -> printfn "accepted %d steps" ok.Value.Config.Steps
| :? Result<RunSpec>.Error as e -> printfn "%s" e.Message
| _ -> ()
