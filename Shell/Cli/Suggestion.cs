namespace Lnsgd.Shell.Cli;

/// <summary>
/// "Did you mean …?" for a mistyped command or option: the known word nearest in edit distance
/// (Levenshtein: insertions, deletions, substitutions), if it is near enough to be a typo.
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

    /// <summary>The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
