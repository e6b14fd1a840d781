namespace Lnsgd.Shell.Cli;

/// <summary>
/// A command line split into positionals, flags and options. Options take one value
/// (<c>--out DIR</c> or <c>--out=DIR</c>); repeatable options keep every value in order.
/// </summary>
public sealed record Arguments(IReadOnlyList<string> Positionals, IReadOnlyDictionary<string, List<string>> Options, ISet<string> Flags)
{
    /// <summary>Parses <paramref name="args"/>; <paramref name="valueOptions"/> and <paramref name="flags"/> list what the command accepts.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, ISet<string> valueOptions, ISet<string> flags)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>();
        var seenFlags = new HashSet<string>();
        for (var k = 0; k < args.Count; k++)
        {
            var arg = args[k];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--") { positionals.Add(arg); continue; }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[..eq] : arg;
            if (flags.Contains(name) && eq < 0) { seenFlags.Add(name); continue; }
            if (!valueOptions.Contains(name))
                throw new UsageError(flags.Contains(name) ? $"option '{name}' takes no value"
                    : $"unknown option '{name}'{Suggestion.DidYouMean(name, valueOptions.Concat(flags))} (see --help)");
            string value;
            if (eq > 0) value = arg[(eq + 1)..];
            else if (k + 1 < args.Count) value = args[++k];
            else throw new UsageError($"option '{name}' needs a value");
            if (!options.TryGetValue(name, out var list)) options[name] = list = [];
            list.Add(value);
        }
        return new Arguments(positionals, options, seenFlags);
    }

    /// <summary>The last value of an option, or null.</summary>
    public string? Last(string name) => Options.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => Options.TryGetValue(name, out var v) ? v : [];

    /// <summary>Whether a flag was given.</summary>
    public bool Has(string flag) => Flags.Contains(flag);
}
