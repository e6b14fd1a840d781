using System.Globalization;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Cli;

/// <summary>
/// The limits a run's <see cref="ResourceEstimate"/> is held to: the memory this process may use
/// (the machine's, or its container's), and the output size, 10 GiB unless <c>--max-output SIZE</c>
/// says otherwise. A refusal is a <see cref="UsageError"/> (exit 2) with the estimate and the limit.
/// </summary>
public static class Limits
{
    /// <summary>The output option's name.</summary>
    public const string OutputOption = "--max-output";

    /// <summary>The default output limit: 10 GiB.</summary>
    public const long DefaultOutput = 10L << 30;

    /// <summary>80% of the memory available to this process (container limits included): the rest is the system's and other processes'.</summary>
    public static long Memory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 5 * 4;

    /// <summary>Refuses <paramref name="estimate"/> if it exceeds the memory or <paramref name="outputLimit"/>.</summary>
    public static void Check(ResourceEstimate estimate, long outputLimit = long.MaxValue, string prefix = "")
    {
        if (ResourceEstimate.Refusal(estimate, Memory, outputLimit, OutputOption) is { } refusal) throw new UsageError(prefix + refusal);
    }

    /// <summary>The value of <c>--max-output</c>: bytes, or a number with K, M, G, T or P (powers of 1024; "GiB", "GB" and "G" alike).</summary>
    public static long Output(string? text)
    {
        if (text is null) return DefaultOutput;
        var t = text.Trim().ToUpperInvariant();
        var unit = t.TrimEnd('B').TrimEnd('I');
        var shift = unit.Length > 0 ? "KMGTP".IndexOf(unit[^1]) : -1;
        var number = shift >= 0 ? unit[..^1].Trim() : t;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v))
        {
            var bytes = v * Math.Pow(1024, shift + 1);
            if (bytes >= 1) return bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
        }
        throw new UsageError($"invalid value for '{OutputOption}': '{text}' (allowed: a size in bytes, or with K, M, G, T or P, e.g. 50G)");
    }
}
