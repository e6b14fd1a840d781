using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Lnsgd.Shell.Config;

/// <summary>
/// TOML forbids a key twice in one table, but the parser we use keeps the last value silently:
/// a config's second <c>sigma</c> would win unseen, and in a sweep spec an axis overwritten by a
/// scalar would shrink the grid. This finds the first repeat, per table (each <c>[[cases]]</c>
/// entry is its own table), from the syntax tree, with both line numbers.
/// </summary>
public static class TomlDuplicates
{
    /// <summary>"key 'K' appears twice (lines A and B)", or null when every key is set once.</summary>
    public static string? Find(string text)
    {
        DocumentSyntax document;
        try { document = SyntaxParser.Parse(text, "toml", false); }
        catch (Exception) { return null; }   // malformed text: the parser proper reports it
        if (First(text, document.KeyValues) is { } top) return top;
        foreach (var table in document.Tables)
            if (First(text, table.Items) is { } inTable) return inTable;
        return null;
    }

    private static string? First(string text, IEnumerable<KeyValueSyntax> items)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Key is not { } key) continue;
            var name = Name(text, key);
            var line = key.Span.Start.Line + 1;
            if (seen.TryGetValue(name, out var first)) return $"key '{name}' appears twice (lines {first} and {line}); give it once";
            seen[name] = line;
        }
        return null;
    }

    // The key as written, without quotes, so "sigma" and sigma are the same key.
    private static string Name(string text, KeySyntax key)
    {
        var span = key.Span;
        var raw = span.Offset >= 0 && span.Offset + span.Length <= text.Length ? text.Substring(span.Offset, span.Length) : key.ToString() ?? "";
        return string.Join('.', raw.Split('.').Select(part => part.Trim().Trim('"', '\'')));
    }
}
