namespace Lnsgd.Shell.Cli;

/// <summary>
/// "Did you mean …?" for a mistyped command or option: the known word nearest in edit distance
/// (insertions, deletions, substitutions and swaps of two neighbours, each costing 1: the
/// optimal-string-alignment distance), if it is near enough to be a typo.
/// </summary>
public static class Suggestion
{
    /// <summary>The nearest of <paramref name="known"/>, or null when none is within a typo's reach.</summary>
    public static string? Nearest(string word, IEnumerable<string> known)
    {
        // A typo changes a few characters: at most 2, and at most a third of a short word.
        var reach = Math.Clamp(word.TrimStart('-').Length / 3, 1, 2);
        return known.Select(k => (Word: k, Distance: Distance(word, k)))
            .Where(c => c.Distance <= reach)
            .OrderBy(c => c.Distance).ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word).FirstOrDefault();
    }

    /// <summary><c> (did you mean 'X'?)</c>, or empty when nothing is near.</summary>
    public static string DidYouMean(string word, IEnumerable<string> known) =>
        Nearest(word, known) is { } near ? $" (did you mean '{near}'?)" : "";

    /// <summary>The optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
