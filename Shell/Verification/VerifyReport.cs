using System.Globalization;
using System.Text;
using System.Text.Json;
using Lnsgd.Core.Claims;

namespace Lnsgd.Shell.Verification;

/// <summary>The claim table as Markdown (verify.md), JSON (verify.json) and a console table.</summary>
public static class VerifyReport
{
    /// <summary>verify.md's table columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "claim", "statistic", "mean", "95 % interval", "threshold / theory", "verdict", "can fail", "note"];

    /// <summary>The Markdown report.</summary>
    public static string Markdown(IReadOnlyList<ClaimResult> rows, int seeds, bool quick, string version, IReadOnlyList<string>? figures = null)
    {
        var sb = new StringBuilder("# lnsgd verify: the paper's claims as checks\n\n");
        sb.Append($"lnsgd {version}, {seeds} seeds (0–{seeds - 1}){(quick ? ", quick grid" : "")}. ");
        sb.Append("A claim holds when its whole 95 % interval over seeds (Student t; cut to the statistic's possible values, ");
        sb.Append("e.g. [0, 1] for a fraction) satisfies the threshold. \"can fail\" says whether any value of the statistic could violate ");
        sb.Append("the threshold at this setting: a row that cannot fail is info, with the reason, never \"holds\". ");
        sb.Append("Other info rows compare with theory that states only an order, a bound with an unknown constant or a sufficient condition.\n\n");
        sb.Append("| ").AppendJoin(" | ", Columns).Append(" |\n|").Append(string.Concat(Columns.Select(_ => "---|"))).Append('\n');
        foreach (var r in rows)
            sb.Append($"| {r.Id} | {Cell(r.Claim)} | {Cell(r.Statistic)} | {N(r.Measured.Mean)} | [{N(r.Measured.Low)}, {N(r.Measured.High)}] | {Cell(r.Threshold)} | {Word(r.Verdict)} | {(r.CanFail ? "yes" : "no")} | {Cell(r.Note)} |\n");
        var failed = rows.Where(r => r.Verdict == ClaimVerdict.Fails).Select(r => r.Id).ToList();
        sb.Append(failed.Count == 0 ? "\nEvery claim holds.\n" : $"\nFailed: {string.Join(", ", failed)}.\n");
        foreach (var png in (figures ?? []).Where(f => f.EndsWith(".png", StringComparison.Ordinal))) sb.Append($"\n![{Path.GetFileNameWithoutExtension(png)}]({png})\n");
        return sb.ToString();
    }

    /// <summary>The JSON report.</summary>
    public static string Json(IReadOnlyList<ClaimResult> rows, int seeds, bool quick, string version) =>
        JsonSerializer.Serialize(new
        {
            tool = "lnsgd", version, seeds, quick,
            claims = rows.Select(r => new
            {
                id = r.Id, claim = r.Claim, statistic = r.Statistic,
                mean = Finite(r.Measured.Mean), low = Finite(r.Measured.Low), high = Finite(r.Measured.High), count = r.Measured.Count,
                threshold = r.Threshold, verdict = r.VerdictWord, can_fail = r.CanFail, note = r.Note,
            }),
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>A compact console table.</summary>
    public static string Console(IReadOnlyList<ClaimResult> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.Append($"{Word(r.Verdict),-6} {r.Id,-28} {N(r.Measured.Mean),11} [{N(r.Measured.Low)}, {N(r.Measured.High)}]  {r.Threshold}\n");
        return sb.ToString();
    }

    // A literal '|' (as in |cos|) would end a Markdown table cell.
    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Word(ClaimVerdict v) => v switch { ClaimVerdict.Holds => "holds", ClaimVerdict.Fails => "FAILS", _ => "info" };

    private static string N(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
