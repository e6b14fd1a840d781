using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// A recorded run made runnable again: the input files it read are read again and must have
/// the recorded SHA-256, and the recorded engine must be one the config allows. Every failure is
/// a <see cref="UsageError"/>.
/// </summary>
public static class RecordedSpec
{
    /// <summary>The spec, engine and input files of <paramref name="run"/>; <paramref name="origin"/> names its manifest.</summary>
    public static (RunSpec Spec, Engine Engine, IReadOnlyList<Manifest.InputFile> Inputs) Resolve(RecordedRun run, string origin)
    {
        // A manifest can be edited: its config must fit in memory before anything is allocated.
        Limits.Check(ResourceEstimate.Of(run.Config), prefix: $"manifest '{origin}': ");
        if (run.Inputs.FirstOrDefault(i => i.Option == "--from") is { } from) return Branched(run, from, origin);
        var data = run.Inputs.FirstOrDefault(i => i.Option == "--data");
        var init = run.Inputs.FirstOrDefault(i => i.Option == "--init");
        var (config, problem, initial, inputs) = ArrayInputs.Apply(run.Config, data?.Path, init?.Path, new HashSet<string>());
        foreach (var read in inputs)
        {
            var expected = run.Inputs.First(i => i.Option == read.Option).Sha256;
            if (read.Sha256 != expected)
                throw new UsageError($"{read.Option} file '{read.Path}' has changed since the run: its sha256 is {read.Sha256}, the manifest records {expected}");
        }
        if (config != run.Config) throw new UsageError($"manifest '{origin}': its config does not match the shapes of its input files");
        var spec = RunSpec.Resolve(config, problem, initial);
        var engine = run.Engine == "gram" ? Engine.Gram : Engine.Dense;
        if (EngineChoice.Resolve(config with { Engine = run.Engine }, spec.Optimiser).ErrorMessage is { } error) throw new UsageError($"manifest '{origin}': {error}");
        if (config.Engine != "auto" && config.Engine != run.Engine)
            throw new UsageError($"manifest '{origin}': 'engine' is '{run.Engine}' but its config asks for '{config.Engine}'");
        return (spec, engine, inputs);
    }

    // A branch (run --from): rebuild the parent's state, check it is the recorded one, start from it.
    private static (RunSpec, Engine, IReadOnlyList<Manifest.InputFile>) Branched(RecordedRun run, Manifest.InputFile from, string origin)
    {
        var (parent, state, input) = BranchSource.Read(from.Path);
        if (input.Sha256 != from.Sha256)
            throw new UsageError($"--from '{from.Path}': the parent's state has changed since the run: its sha256 is {input.Sha256}, the manifest records {from.Sha256}");
        var (spec, error) = Branch.From(parent, state, run.Config);
        if (spec is null) throw new UsageError($"manifest '{origin}': {error}");
        var engine = run.Engine == "gram" ? Engine.Gram : Engine.Dense;
        if (EngineChoice.Resolve(run.Config with { Engine = run.Engine }, spec.Optimiser).ErrorMessage is { } engineError) throw new UsageError($"manifest '{origin}': {engineError}");
        return (spec, engine, [input]);
    }
}
