using System.Collections.Immutable;
using System.Security.Cryptography;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Problems;
using Lnsgd.Core.Simulation;
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
    /// <summary>A read input: its arrays and the SHA-256 (hex) of the file, for the manifest.</summary>
    private sealed record Input(string Option, string Path, string Sha256, ImmutableDictionary<string, NpyArray> Arrays);

    /// <summary>
    /// Applies the optional <c>--data</c> and <c>--init</c> files to a resolved config: the config
    /// (n, n_test, d from the data), the problem and initial network to use instead of drawing
    /// them (null: draw from the seed), and the files read, for the manifest.
    /// </summary>
    public static (RunConfig Config, SyntheticProblem? Problem, Core.Network.Network? Initial, IReadOnlyList<Manifest.InputFile> Files) Apply(
        RunConfig config, string? dataPath, string? initPath, IReadOnlySet<string> explicitKeys)
    {
        SyntheticProblem? problem = null;
        Core.Network.Network? initial = null;
        var files = new List<Manifest.InputFile>();
        if (dataPath is not null)
        {
            var input = Read("--data", dataPath);
            (config, problem) = Data(input, config, explicitKeys);
            files.Add(new(input.Option, input.Path, input.Sha256));
        }
        // After --data, so W's d is checked against the data's d.
        if (initPath is not null)
        {
            var input = Read("--init", initPath);
            initial = Init(input, config);
            files.Add(new(input.Option, input.Path, input.Sha256));
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

    /// <summary>The initial network of an <c>--init</c> file; its shapes must be the config's m×d and m.</summary>
    private static Core.Network.Network Init(Input input, RunConfig config)
    {
        var (net, error) = RunInputs.Initial(input.Arrays, config.M, config.D);
        return net ?? throw new UsageError($"{input.Option} file '{input.Path}': {error}");
    }
}
