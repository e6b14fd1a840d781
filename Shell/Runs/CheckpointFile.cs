using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// <c>checkpoint.npz</c> in a run folder: Core's <see cref="CheckpointArrays"/> as a stored
/// <c>.npz</c> (numpy loads it), written atomically; reading it back validates the layout and
/// that it continues this very run, and turns every failure into one <see cref="UsageError"/> line.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The file name in a run folder.</summary>
    public const string Name = "checkpoint.npz";

    /// <summary>Writes the checkpoint into <paramref name="dir"/> (temporary name, then rename).</summary>
    public static void Write(string dir, Checkpoint checkpoint) =>
        AtomicFile.Write(Path.Combine(dir, Name), s => Npz.Write(s, CheckpointArrays.Of(checkpoint)));

    /// <summary>The checkpoint in <paramref name="dir"/>, null when there is none.</summary>
    public static Checkpoint? Read(string dir, RunSpec spec, Engine engine)
    {
        var path = Path.Combine(dir, Name);
        if (!File.Exists(path)) return null;
        return Parse(RegularFile.ReadBytes(path, RegularFile.DataCap, "checkpoint"), path, spec, engine);
    }

    /// <summary>Parses checkpoint bytes and checks them against the run; <paramref name="origin"/> names the file in errors.</summary>
    public static Checkpoint Parse(byte[] bytes, string origin, RunSpec spec, Engine engine)
    {
        var checkpoint = ParseLayout(bytes, origin);
        if (Checkpoint.Check(checkpoint, spec, engine) is { } error) throw new UsageError($"checkpoint '{origin}' cannot continue this run: {error}");
        return checkpoint;
    }

    /// <summary>Parses checkpoint bytes without a run to check them against.</summary>
    public static Checkpoint ParseLayout(byte[] bytes, string origin)
    {
        IReadOnlyDictionary<string, NpyArray> arrays;
        try { arrays = Npz.Parse(bytes); }
        catch (NpyFormatException e) { throw new UsageError($"checkpoint '{origin}': {e.Message}"); }
        var (checkpoint, error) = CheckpointArrays.Read(arrays);
        return checkpoint ?? throw new UsageError($"checkpoint '{origin}': {error}");
    }
}
