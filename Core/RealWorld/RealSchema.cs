using System.Collections.Immutable;
using System.Globalization;
using Lnsgd.Core.Nonlinear;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.RealWorld;

/// <summary>One key of <see cref="RealConfig"/>: its name, what it means, what it allows, and how it is read and shown.</summary>
public sealed record RealKey(string Name, string Meaning, string Allowed, Func<RealConfig, string> Show, Func<RealConfig, string, RealConfig?> Set);

/// <summary>
/// The keys of a real-data config with their parsers. <see cref="Apply"/> returns the updated
/// config or throws <see cref="ArgumentException"/> with one line naming the key, the value and
/// what is allowed.
/// </summary>
public static class RealSchema
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Every key, in the order help texts list them.</summary>
    public static ImmutableArray<RealKey> Keys { get; } =
    [
        Choice("dataset", "dataset to train on", ["fashion-mnist", "mnist", "cifar10"], c => c.Dataset, (c, v) => c with { Dataset = v }),
        Int("n_train", "training images, a seeded subset (0 = all)", 0, c => c.NTrain, (c, v) => c with { NTrain = v }),
        Int("n_test", "test images, a seeded subset (0 = all)", 0, c => c.NTest, (c, v) => c with { NTest = v }),
        Int("width", "hidden width m", 1, c => c.Width, (c, v) => c with { Width = v }),
        Choice("activation", "hidden activation", [.. Activation.Names], c => c.Activation, (c, v) => c with { Activation = v }),
        Choice("param", "parameterisation (neural-tangents' conventions)", [.. Parameterisation.Names], c => c.Param, (c, v) => c with { Param = v }),
        Real("w_std", "weight scale sigma_w (W_std)", 0, false, c => c.WStd, (c, v) => c with { WStd = v }),
        Real("b_std", "bias scale sigma_b (b_std)", 0, false, c => c.BStd, (c, v) => c with { BStd = v }),
        Choice("bias", "hidden and output biases exist and are trained", ["true", "false"], c => c.Bias ? "true" : "false", (c, v) => c with { Bias = v == "true" }),
        Choice("loss", "training loss", [.. Nonlinear.Loss.Names], c => c.Loss, (c, v) => c with { Loss = v }),
        Real("eta", "learning rate", 0, true, c => c.Eta, (c, v) => c with { Eta = v }),
        Long("steps", "steps (when epochs = 0)", 1, c => c.Steps, (c, v) => c with { Steps = v }),
        Int("epochs", "epochs of shuffled mini-batches (needs batch > 0; 0 = use steps)", 0, c => c.Epochs, (c, v) => c with { Epochs = v }),
        Int("batch", "mini-batch size (0 = full batch)", 0, c => c.Batch, (c, v) => c with { Batch = v }),
        Long("record_every", "record every K steps (with epochs: every epoch)", 1, c => c.RecordEvery, (c, v) => c with { RecordEvery = v }),
        Probability("noise", "label noise rate of the noisy arms", c => c.Noise, (c, v) => c with { Noise = v }),
        new("noise_levels", "noise rates tau of a pruning experiment, comma-separated", "rates in [0, 1]", c => c.NoiseLevels,
            (c, v) => ParseList(v) is { } l && l.All(x => x is >= 0 and <= 1) ? c with { NoiseLevels = v } : null),
        Choice("noise_classes", "new class: any = uniform on all c (notebook), other = on the c-1 others (Algorithm 1)", ["any", "other"], c => c.NoiseClasses, (c, v) => c with { NoiseClasses = v }),
        Choice("noise_redraw", "step = fresh noisy labels every step (label noise SGD), once = fixed noisy labels", ["step", "once"], c => c.NoiseRedraw, (c, v) => c with { NoiseRedraw = v }),
        Real("rho", "SAM radius of the SAM arms", 0, false, c => c.Rho, (c, v) => c with { Rho = v }),
        Int("probe", "training images used as the NTK probe set", 1, c => c.Probe, (c, v) => c with { Probe = v }),
        Int("eval_train", "training images for the clean train loss (0 = all)", 0, c => c.EvalTrain, (c, v) => c with { EvalTrain = v }),
        Choice("standardise", "split = each split by its own mean/std (notebook), train = both by the training subset's", ["split", "train"], c => c.Standardise, (c, v) => c with { Standardise = v }),
        new("prune", "percentages of weights kept for the pruning curve, comma-separated", "percentages in (0, 100]", c => c.Prune,
            (c, v) => ParseList(v) is { } l && l.All(x => x is > 0 and <= 100) ? c with { Prune = v } : null),
        new("seed", "seed of every draw", "integer >= 0", c => c.Seed.ToString(Inv),
            (c, v) => NumberText.Unsigned(v) is { } s ? c with { Seed = s } : null),
    ];

    /// <summary>The config with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">Unknown key or a value outside the allowed range.</exception>
    public static RealConfig Apply(RealConfig config, string key, string value)
    {
        var k = Keys.FirstOrDefault(x => x.Name == key)
            ?? throw new ArgumentException($"unknown key '{key}' (keys: {string.Join(", ", Keys.Select(x => x.Name))})");
        return k.Set(config, value.Trim()) ?? throw new ArgumentException($"{key} = '{value}' is not allowed (allowed: {k.Allowed})");
    }

    /// <summary>As <see cref="Apply"/>, with the refusal as a value (the same line) instead of an exception.</summary>
    public static Result<RealConfig> TryApply(RealConfig config, string key, string value)
    {
        try { return Result.Ok(Apply(config, key, value)); }
        catch (ArgumentException e) { return Result.Error<RealConfig>(e.Message); }
    }

    /// <summary>
    /// Null when <paramref name="config"/> is one <c>lnsgd real</c> accepts, else the line it prints:
    /// each value is shown and read back through its key (so a typed config meets the rule and the
    /// message of a typed <c>--set</c>), then the constraints between keys.
    /// </summary>
    public static string? Validate(RealConfig config)
    {
        foreach (var key in Keys)
        {
            var shown = key.Show(config) ?? "";
            if (key.Set(config, shown) is null) return $"{key.Name} = '{shown}' is not allowed (allowed: {key.Allowed})";
        }
        return config.Epochs > 0 && config.Batch == 0 ? "epochs > 0 needs batch > 0 (set batch, or set epochs=0 and use steps)" : null;
    }

    /// <summary>Every key and its value, in schema order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(RealConfig config) =>
        [.. Keys.Select(k => new KeyValuePair<string, string>(k.Name, k.Show(config)))];

    /// <summary>A comma-separated list of numbers, or null if any item is not a finite number.</summary>
    public static double[]? ParseList(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
            if (!double.TryParse(items[i], NumberStyles.Float, Inv, out values[i]) || !double.IsFinite(values[i])) return null;
        return items.Length == 0 ? null : values;
    }

    /// <summary>A number in shortest round-trip form.</summary>
    public static string Number(double v) => v.ToString("R", Inv);

    private static RealKey Choice(string name, string meaning, string[] options, Func<RealConfig, string> get, Func<RealConfig, string, RealConfig> set) =>
        new(name, meaning, string.Join(" | ", options), get, (c, v) => options.Contains(v) ? set(c, v) : null);

    private static RealKey Int(string name, string meaning, int min, Func<RealConfig, int> get, Func<RealConfig, int, RealConfig> set) =>
        new(name, meaning, $"integer >= {min}", c => get(c).ToString(Inv),
            (c, v) => NumberText.Integer(v) is { } x && x >= min && x <= int.MaxValue ? set(c, (int)x) : null);

    private static RealKey Long(string name, string meaning, long min, Func<RealConfig, long> get, Func<RealConfig, long, RealConfig> set) =>
        new(name, meaning, $"integer >= {min}", c => get(c).ToString(Inv),
            (c, v) => NumberText.Integer(v) is { } x && x >= min ? set(c, x) : null);

    private static RealKey Real(string name, string meaning, double min, bool strict, Func<RealConfig, double> get, Func<RealConfig, double, RealConfig> set) =>
        new(name, meaning, strict ? $"finite number > {min}" : $"finite number >= {min}", c => Number(get(c)),
            (c, v) => NumberText.Real(v) is { } x && double.IsFinite(x) && (strict ? x > min : x >= min) ? set(c, x) : null);

    private static RealKey Probability(string name, string meaning, Func<RealConfig, double> get, Func<RealConfig, double, RealConfig> set) =>
        new(name, meaning, "number in [0, 1]", c => Number(get(c)),
            (c, v) => NumberText.Real(v) is { } x && x is >= 0 and <= 1 ? set(c, x) : null);
}
