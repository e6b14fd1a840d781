using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Output;

/// <summary>The run folder (README, "Reading a run folder"): every file written atomically, the manifest last.</summary>
public static class RunFolder
{
    /// <summary>The data files of a run folder, in the order they are written.</summary>
    public static IReadOnlyList<string> DataFiles { get; } = ["metrics.csv", "trace.csv", "snapshots.csv"];

    /// <summary>
    /// Refuses a non-empty existing folder unless <paramref name="force"/>; creates nothing yet.
    /// <paramref name="locked"/>: this process already holds the folder's lock.
    /// </summary>
    public static void Prepare(string dir, bool force, bool locked = false)
    {
        if (File.Exists(dir)) throw new UsageError($"output path '{dir}' is a file, not a folder");
        // A live writer is named as such (a probe of its lock throws, naming its pid); a stale lock is removed.
        if (!locked && File.Exists(Path.Combine(dir, FolderLock.Name))) FolderLock.Acquire(dir).Dispose();
        // The lock file (of a live writer, or left by a killed one) is not content.
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(e => Path.GetFileName(e) != FolderLock.Name) && !force)
            throw new UsageError($"output folder '{dir}' exists and is not empty (pass --force to overwrite, or choose --out)");
    }

    /// <summary>Creates <paramref name="dir"/> (and its parents), or a usage error that names it and says why not.</summary>
    public static void Create(string dir)
    {
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        { throw new UsageError($"cannot create output folder '{dir}' ({e.Message.TrimEnd('.')}); choose --out in a folder you can write"); }
    }

    /// <summary>Thrown by <see cref="Write"/> when its stop check asks it to end before the next file.</summary>
    public sealed class Stopped() : Exception("stopped before the run folder was complete");

    /// <summary>
    /// Writes the trajectory's files, then the <paramref name="extra"/> files (e.g. <c>--export-npz</c>),
    /// then the figures unless <paramref name="plots"/> is false, then the manifest, which lists
    /// them all and the <paramref name="inputs"/> the run read. <paramref name="stop"/>, asked before
    /// each file, ends the writing with <see cref="Stopped"/> (the manifest then is not written).
    /// </summary>
    public static void Write(string dir, RunConfig config, string? preset, string engine, Trajectory trajectory, bool plots = true,
        IReadOnlyList<(string Name, Action<Stream> Write)>? extra = null, IReadOnlyList<Manifest.InputFile>? inputs = null,
        ManifestState? state = null, FigureOptions? figureOptions = null, Func<bool>? stop = null)
    {
        void Check() { if (stop?.Invoke() == true) throw new Stopped(); }
        Directory.CreateDirectory(dir);
        Check();
        AtomicFile.WriteText(Path.Combine(dir, "metrics.csv"), CsvFormat.Metrics(trajectory.Rows));
        Check();
        AtomicFile.WriteText(Path.Combine(dir, "trace.csv"), CsvFormat.Trace(config.TraceNeuron, trajectory.Trace));
        Check();
        AtomicFile.WriteText(Path.Combine(dir, "snapshots.csv"), CsvFormat.Snapshots(trajectory.Snapshots));
        foreach (var (name, write) in extra ?? []) { Check(); AtomicFile.Write(Path.Combine(dir, name), write); }
        var figures = plots ? RunFigures.Write(dir, trajectory, RunFigures.Caption(config, preset), config.TraceNeuron, config, figureOptions, Check) : [];
        Check();
        AtomicFile.WriteText(Path.Combine(dir, "manifest.json"),
            Manifest.Write(config, preset, engine, trajectory, [.. DataFiles, .. (extra ?? []).Select(f => f.Name), .. figures], inputs, state));
    }
}
