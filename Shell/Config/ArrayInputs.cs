using System.Collections.Immutable;
using System.Security.Cryptography;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Config;

/// <summary>
/// The <c>.npz</c> inputs of <c>lnsgd run</c>: <c>--data</c> (X, X_test, theta_star) and
/// <c>--init</c> (W, a). Reads the file, lets Core validate, and turns every failure into a
/// one-line <see cref="UsageError"/> naming the option and the file.
/// </summary>
public static class ArrayInputs
{
    /// <summary>A read input: its arrays and the SHA-256 (hex) of the file, for the manifest (which
    /// records the absolute path, so <c>resume</c> and <c>replay</c> work from any folder).</summary>
    private sealed record Input(string Option, string Path, string Sha256, ImmutableDictionary<string, NpyArray> Arrays);

    /// <summary>
    /// Applies the optional <c>--data</c> and <c>--init</c> files to a resolved config: the config
    /// (n, n_test, d from the data), the problem and initial network to use instead of drawing
    /// them (null: draw from the seed), and the files read, for the manifest.
    /// </summary>
    public static (RunConfig Config, SyntheticProblem? Problem, Core.Networks.Network? Initial, IReadOnlyList<Manifest.InputFile> Files) Apply(
        RunConfig config, string? dataPath, string? initPath, IReadOnlySet<string> explicitKeys)
    {
        SyntheticProblem? problem = null;
        Core.Networks.Network? initial = null;
        var files = new List<Manifest.InputFile>();
        if (dataPath is not null)
        {
            var input = Read("--data", dataPath);
            (config, problem) = Data(input, config, explicitKeys);
            files.Add(new(input.Option, Path.GetFullPath(input.Path), input.Sha256));
        }
        // After --data, so W's d is checked against the data's d.
        if (initPath is not null)
        {
            var input = Read("--init", initPath);
            initial = Init(input, config);
            files.Add(new(input.Option, Path.GetFullPath(input.Path), input.Sha256));
        }
        return (config, problem, initial, files);
    }

    /// <summary>Reads the archive named by <paramref name="option"/>.</summary>
    private static Input Read(string option, string path)
    {
        var bytes = RegularFile.ReadBytes(path, RegularFile.DataCap, $"{option} file");
        try { return new Input(option, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), Npz.Parse(bytes)); }
        catch (NpyFormatException e) { throw new UsageError($"{option} file '{path}': {e.Message}"); }
    }

    /// <summary>
    /// The problem of a <c>--data</c> file and the config with n, n_test and d taken from it.
    /// A key in <paramref name="explicitKeys"/> (set by --set or the config file) that disagrees
    /// with the file is an error rather than silently replaced.
    /// </summary>
    private static (RunConfig Config, SyntheticProblem Problem) Data(Input input, RunConfig config, IReadOnlySet<string> explicitKeys)
    {
        var (problem, error) = RunInputs.Problem(input.Arrays);
        if (problem is null) throw new UsageError($"{input.Option} file '{input.Path}': {error}");
        foreach (var (key, fromConfig, fromFile) in new[] { ("n", config.N, problem.N), ("n_test", config.NTest, problem.NTest), ("d", config.D, problem.D) })
            if (explicitKeys.Contains(key) && fromConfig != fromFile)
                throw new UsageError($"{input.Option} file '{input.Path}' has {key} = {fromFile} but {key} = {fromConfig} was set; drop the setting or make them agree");
        var resolved = config with { N = problem.N, NTest = problem.NTest, D = problem.D };
        if (ConfigSchema.CrossCheck(resolved) is { } cross) throw new UsageError($"with {input.Option} '{input.Path}': {cross}");
        return (resolved, problem);
    }

    /// <summary>
    /// The initial network of an <c>--init</c> file; its shapes must be the config's m×d and m.
    /// The file may be a run's <c>checkpoint.npz</c> (e.g. a diverged run's last good state, to go
    /// on with a smaller η): its network is rebuilt as <c>resume</c> would rebuild it.
    /// </summary>
    private static Core.Networks.Network Init(Input input, RunConfig config)
    {
        var (net, error) = input.Arrays.ContainsKey("fingerprint") ? FromCheckpoint(input)
            : RunInputs.Initial(input.Arrays, config.M, config.D).Match<(Core.Networks.Network?, string?)>(n => (n, null), e => (null, e));
        if (net is { } found && (found.M != config.M || found.D != config.D))
            (net, error) = (null, $"the checkpoint's network is (m, d) = ({found.M}, {found.D}) but the config needs ({config.M}, {config.D}); set m and d to match");
        return net ?? throw new UsageError($"{input.Option} file '{input.Path}': {error}");
    }

    // A checkpoint stores the engine's buffers (on the gram engine the (d+1)-row factor K, not W):
    // the network is rebuilt from the run it belongs to, whose manifest.json lies beside it, and
    // the checkpoint must pass the same checks as for resume (fingerprint, shapes, θ = Wᵀa).
    private static (Core.Networks.Network? Net, string? Error) FromCheckpoint(Input input)
    {
        var (checkpoint, layoutError) = CheckpointArrays.Read(input.Arrays);
        if (checkpoint is null) return (null, $"looks like a checkpoint but {layoutError}");
        var dir = Path.GetDirectoryName(Path.GetFullPath(input.Path))!;
        if (!File.Exists(Path.Combine(dir, Runs.ManifestReader.Name)))
            return (null, $"a checkpoint needs the {Runs.ManifestReader.Name} of its run beside it, to rebuild the network");
        var recorded = Runs.ManifestReader.Read(dir);
        var (spec, engine, _) = Runs.RecordedSpec.Resolve(recorded, Path.Combine(dir, Runs.ManifestReader.Name));
        if (Checkpoint.Check(checkpoint, spec, engine) is { } error) return (null, $"the checkpoint does not belong to the run in '{dir}': {error}");
        return (Core.Engines.Stepper.Resume(spec, checkpoint.State).Current(), null);
    }
}
