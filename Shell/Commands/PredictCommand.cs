using System.Diagnostics;
using System.Globalization;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Config;
using Lnsgd.Shell.Prediction;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// <c>lnsgd predict [PRESET] [--config F] [--set k=v]... [--out DIR]</c>: the limiting flow's
/// prediction for a config without simulating it (docs/prediction.md). Prints prediction.json;
/// with <c>--out</c> also writes prediction.json and prediction.csv there. Refuses, exit 2, what
/// the theory does not cover.
/// </summary>
public static partial class PredictCommand
{
    private static readonly HashSet<string> ValueOptions = ["--config", "--set", "--seed", "--steps", "--record-every", "--out"];
    private static readonly HashSet<string> FlagOptions = ["--help"];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ValueOptions, FlagOptions);
        if (parsed.Has("--help")) { stdout.Write(HelpText.Predict()); return 0; }
        if (parsed.Positionals.Count > 1) throw new UsageError($"predict takes at most one preset, got: {string.Join(' ', parsed.Positionals)}");
        var (config, _) = ConfigLoader.Resolve(parsed.Positionals.FirstOrDefault(), parsed.Last("--config"), Overrides(parsed));
        if (Applicability.Refusal(config) is { } why) throw new UsageError($"cannot predict: {why}");
        var clock = Stopwatch.StartNew();
        Core.Predictions.Prediction prediction;
        try { prediction = Predictor.Of(RunSpec.Resolve(config)); }
        // No stationary residual variance (η beyond the linearised step's stability edge): the theory has nothing to say.
        catch (ArithmeticException e) { throw new UsageError($"cannot predict: {e.Message}"); }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        stdout.Write(PredictionFiles.Json(config, prediction));
        if (parsed.Last("--out") is { } outDir)
        {
            Directory.CreateDirectory(outDir);
            PredictionFiles.Write(outDir, config, prediction);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(outDir, PredictionFiles.Names[0])} and {PredictionFiles.Names[1]} ({elapsed:F0} ms)"));
        }
        return 0;
    }

    private static IEnumerable<(string Key, string Value)> Overrides(Arguments parsed)
    {
        foreach (var pair in parsed.All("--set")) yield return ConfigLoader.SplitPair(pair);
        if (parsed.Last("--seed") is { } seed) yield return ("seed", seed);
        if (parsed.Last("--steps") is { } steps) yield return ("steps", steps);
        if (parsed.Last("--record-every") is { } every) yield return ("record_every", every);
    }
}
