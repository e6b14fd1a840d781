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

        // The prediction rows run beside the rest (they parallelise over seeds themselves); with
        // --parallel 1 everything runs one piece after the other.
        var predictions = parallel > 1 ? Task.Run(() => PredictionClaims.Evaluate(seeds, options).ToList()) : null;

        // Every seed's pieces, the escape grid and Lemma 3's law as one list, longest first.
        // Noise types run on the dense engine (Langevin leaves the gram span): only the first few seeds run them.
        var noiseTypeSeeds = Math.Min(seeds, ClaimSettings.NoiseTypeSeeds(quick));
        var jobs = Enumerable.Range(0, seeds).SelectMany(s => SeedMeasurer.Jobs((ulong)s, quick, new SeedMeasurer.Parts(NoiseTypes: s < noiseTypeSeeds))).ToList();
        var grid = ScalingStudy.Grid(quick).SelectMany(g => Enumerable.Range(0, quick ? 1 : 2).Select(seed => (g, seed))).ToList();
        var lawGrid = (from d in new[] { 20, 2 } from m in ClaimSettings.Lemma3LawWidths select (d, m)).ToList();
        var work = new List<(double, Func<object>)>();
        work.AddRange(jobs.Select(j => (j.Cost, (Func<object>)(() => j.Run()))));
        work.AddRange(grid.Select(p => (0.1, (Func<object>)(() => ScalingStudy.Measure(p.g.Sigma, p.g.Eta, p.g.M, (ulong)p.seed)))));
        work.AddRange(lawGrid.Select(p => (0.05, (Func<object>)(() => SeedMeasurer.Lemma3Law(p.d, p.m)))));
        var done = WorkList.Run(work, parallel);

        var changes = done.Take(jobs.Count).Cast<Func<SeedMeasurements, SeedMeasurements>>().ToList();
        var measurements = Enumerable.Range(0, seeds).Select(s => SeedMeasurer.Assemble((ulong)s, new SeedMeasurer.Parts(),
            jobs.Select((j, i) => (j, i)).Where(x => x.j.Seed == (ulong)s).Select(x => changes[x.i]))).ToList();
        var escapes = done.Skip(jobs.Count).Take(grid.Count).Cast<EscapePoint>().ToList();
        var law = done.Skip(jobs.Count + grid.Count).Cast<Lemma3LawPoint>().ToList();

        IReadOnlyList<ClaimResult> rows = [.. ClaimSuite.Evaluate(measurements, [.. escapes.OrderBy(e => (e.Sigma, e.Eta, e.M, e.Seed))],
            [.. law.OrderBy(p => (p.D, p.M))], quick), .. predictions is null ? PredictionClaims.Evaluate(seeds, options) : predictions.GetAwaiter().GetResult(),
            .. PredictionClaims.EscapeRows(escapes, options)];
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
