using System.Collections.Concurrent;
using Lnsgd.Core.Claims;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Verification;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd verify</c>: the claim suite over seeds 0…N−1 and the escape-time scaling study, in
/// parallel over the cores. Exit 0 when every claim holds, 1 when one fails (named on stderr).
/// </summary>
public static partial class VerifyCommand
{
    private static readonly HashSet<string> ValueOptions = ["--seeds", "--out", "--parallel"];
    private static readonly HashSet<string> FlagOptions = ["--quick", "--quiet", "--help", "--force", "--json"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Verify()); return 0; }
        if (parsed.Positionals.Count > 0) throw new UsageError($"verify takes no positional arguments, got: {string.Join(' ', parsed.Positionals)}");
        var quick = parsed.Has("--quick");
        var seeds = OptionValue.Integer(parsed, "--seeds", 1, quick ? 5 : 10);
        var parallel = OptionValue.Integer(parsed, "--parallel", 1, Environment.ProcessorCount);
        var outDir = parsed.Last("--out") ?? "verification";
        RunFolder.Prepare(outDir, parsed.Has("--force"));
        RunFolder.Create(outDir);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel };

        var measurements = new ConcurrentBag<SeedMeasurements>();
        // Noise types run on the dense engine (Langevin leaves the gram span): only the first few seeds run them.
        var noiseTypeSeeds = quick ? 1 : 3;
        Parallel.For(0, seeds, options, seed => measurements.Add(SeedMeasurer.Measure((ulong)seed, quick, new SeedMeasurer.Parts(NoiseTypes: seed < noiseTypeSeeds))));
        var escapes = new ConcurrentBag<EscapePoint>();
        var grid = ScalingStudy.Grid(quick).SelectMany(g => Enumerable.Range(0, quick ? 1 : 2).Select(seed => (g, seed)));
        Parallel.ForEach(grid, options, item => escapes.Add(ScalingStudy.Measure(item.g.Sigma, item.g.Eta, item.g.M, (ulong)item.seed)));
        var law = new ConcurrentBag<Lemma3LawPoint>();
        var lawGrid = from d in new[] { 20, 2 } from m in ClaimSettings.Lemma3LawWidths select (d, m);
        Parallel.ForEach(lawGrid, options, p => law.Add(SeedMeasurer.Lemma3Law(p.d, p.m)));

        IReadOnlyList<ClaimResult> rows = [.. ClaimSuite.Evaluate([.. measurements.OrderBy(m => m.Seed)], [.. escapes.OrderBy(e => (e.Sigma, e.Eta, e.M, e.Seed))],
            [.. law.OrderBy(p => (p.D, p.M))], quick), .. PredictionClaims.Evaluate(seeds, options, [.. escapes])];
        Directory.CreateDirectory(outDir);
        var figures = measurements.Where(m => m.NoiseTypeLegs is not null).MinBy(m => m.Seed) is { } first ? NoiseTypeFigure.Write(outDir, first) : [];
        AtomicFile.WriteText(Path.Combine(outDir, "verify.md"), VerifyReport.Markdown(rows, seeds, quick, Manifest.ToolVersion, figures));
        AtomicFile.WriteText(Path.Combine(outDir, "verify.json"), VerifyReport.Json(rows, seeds, quick, Manifest.ToolVersion));
        if (parsed.Has("--json")) stdout.Write(VerifyReport.Json(rows, seeds, quick, Manifest.ToolVersion));   // the verify.json object
        else if (!parsed.Has("--quiet")) stdout.Write(VerifyReport.Console(rows));
        var failed = rows.Where(r => r.Verdict == ClaimVerdict.Fails).Select(r => r.Id).ToList();
        if (failed.Count == 0) return 0;
        stderr.WriteLine($"lnsgd: claims that do not hold: {string.Join(", ", failed)} (see {Path.Combine(outDir, "verify.md")})");
        return 1;
    }
}
