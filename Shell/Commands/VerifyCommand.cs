using System.Collections.Concurrent;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Verification;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd verify</c>: the claim suite over seeds 0…N−1 and the escape-time scaling study, in
/// parallel over the cores. Exit 0 when every claim holds, 1 when one fails (named on stderr).
/// </summary>
public static class VerifyCommand
{
    private static readonly HashSet<string> ValueOptions = ["--seeds", "--out", "--parallel"];
    private static readonly HashSet<string> FlagOptions = ["--quick", "--quiet", "--help", "--force"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Verify()); return 0; }
        if (parsed.Positionals.Count > 0) throw new UsageError($"verify takes no positional arguments, got: {string.Join(' ', parsed.Positionals)}");
        var quick = parsed.Has("--quick");
        var seeds = parsed.Last("--seeds") is { } s ? ConfigLoader.Apply(new(), "n", s).N : quick ? 5 : 10;
        var parallel = parsed.Last("--parallel") is { } p ? ConfigLoader.Apply(new(), "n", p).N : Environment.ProcessorCount;
        var outDir = parsed.Last("--out") ?? "verification";
        RunFolder.Prepare(outDir, parsed.Has("--force"));
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel };

        var measurements = new ConcurrentBag<SeedMeasurements>();
        Parallel.For(0, seeds, options, seed => measurements.Add(SeedMeasurements.Measure((ulong)seed)));
        var escapes = new ConcurrentBag<EscapePoint>();
        var grid = ScalingStudy.Grid(quick).SelectMany(g => Enumerable.Range(0, quick ? 1 : 2).Select(seed => (g, seed)));
        Parallel.ForEach(grid, options, item => escapes.Add(ScalingStudy.Measure(item.g.Sigma, item.g.Eta, item.g.M, (ulong)item.seed)));

        IReadOnlyList<ClaimResult> rows = [.. ClaimSuite.Evaluate([.. measurements.OrderBy(m => m.Seed)], [.. escapes.OrderBy(e => (e.Sigma, e.Eta, e.M, e.Seed))]),
            .. PredictionClaims.Evaluate(seeds, options)];
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteText(Path.Combine(outDir, "verify.md"), VerifyReport.Markdown(rows, seeds, quick, Manifest.ToolVersion));
        AtomicFile.WriteText(Path.Combine(outDir, "verify.json"), VerifyReport.Json(rows, seeds, quick, Manifest.ToolVersion));
        if (!parsed.Has("--quiet")) stdout.Write(VerifyReport.Console(rows));
        var failed = rows.Where(r => r.Verdict == ClaimVerdict.Fails).Select(r => r.Id).ToList();
        if (failed.Count == 0) return 0;
        stderr.WriteLine($"lnsgd: claims that do not hold: {string.Join(", ", failed)} (see {Path.Combine(outDir, "verify.md")})");
        return 1;
    }
}
