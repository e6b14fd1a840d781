using System.Collections.Immutable;
using Lnsgd.Core.Sweeps;

namespace Lnsgd.Shell.Sweeps;

/// <summary>What <c>lnsgd collect</c> found under a folder: the table and the folders left out.</summary>
public sealed record Collection(
    SweepTable Table, ImmutableArray<(string Folder, string Error)> Failed,
    ImmutableArray<(string Folder, string Reason)> Incomplete, ImmutableArray<(string Folder, string SameAs)> Duplicates);

/// <summary>
/// Reads every run folder directly under a folder (a sweep's DIR, or any folder of <c>lnsgd
/// run</c> outputs) and builds the collected table from the complete ones. The table is the
/// same however the runs were split over processes or shards, since it is built from the
/// folders' contents alone.
/// </summary>
public static class SweepCollector
{
    /// <summary>The collection of <paramref name="dir"/> (which must exist).</summary>
    public static Collection Collect(string dir)
    {
        var runs = new List<CollectedRun>();
        var failed = ImmutableArray.CreateBuilder<(string, string)>();
        var incomplete = ImmutableArray.CreateBuilder<(string, string)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var folder in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            switch (RunFolderState.Of(folder))
            {
                case RunFolderState.Complete complete:
                    // Two folders with one config (e.g. a copy) are one run.
                    var hash = RunIdentity.Hash(complete.Run.Config);
                    if (seen.TryGetValue(hash, out var first)) duplicates.Add((name, first));
                    else { seen[hash] = name; runs.Add(complete.Run); }
                    break;
                case RunFolderState.Failed f: failed.Add((name, f.Error.Split('\n')[0])); break;
                case RunFolderState.Incomplete i: incomplete.Add((name, i.Reason)); break;
            }
        }
        return new Collection(SweepTable.Build(runs), failed.ToImmutable(), incomplete.ToImmutable(), duplicates.ToImmutable());
    }
}
