namespace Lnsgd.Shell.Cli;

/// <summary>
/// One <c>lnsgd</c> command as the dispatcher, the overview, <c>-h/--help</c>, <c>help CMD</c>,
/// typo suggestions and the shell completion scripts all see it. The option sets are the very
/// sets the command's parser reads, so what completes is what parses.
/// </summary>
/// <param name="Name">the verb, e.g. <c>run</c></param>
/// <param name="Synopsis">the overview's short usage, e.g. <c>run [PRESET] [options]</c></param>
/// <param name="Summary">one line for the overview</param>
/// <param name="ValueOptions">options that take a value (<c>--out DIR</c>)</param>
/// <param name="Flags">options without a value (<c>--quiet</c>)</param>
/// <param name="Positional">what the command's positional arguments are, for completion</param>
/// <param name="Execute">runs the command on the arguments after the verb; returns the exit code</param>
public sealed record CommandDeclaration(
    string Name, string Synopsis, string Summary,
    IReadOnlySet<string> ValueOptions, IReadOnlySet<string> Flags,
    Positional Positional,
    Func<IReadOnlyList<string>, TextWriter, TextWriter, int> Execute)
{
    /// <summary>The command's help text: what <c>lnsgd NAME --help</c> prints.</summary>
    public string Help()
    {
        var text = new StringWriter();
        Execute(["--help"], text, TextWriter.Null);
        return text.ToString();
    }

    /// <summary>Every option, value options and flags, sorted.</summary>
    public IReadOnlyList<string> Options => [.. ValueOptions.Concat(Flags).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>What a command's positional arguments are, so completion can offer them.</summary>
public enum Positional
{
    /// <summary>No positional argument.</summary>
    None,
    /// <summary>A synthetic preset name (<c>lnsgd presets</c>).</summary>
    Preset,
    /// <summary>A real-data preset name (<c>lnsgd real --list</c>).</summary>
    RealPreset,
    /// <summary>A file.</summary>
    File,
    /// <summary>A folder.</summary>
    Folder,
    /// <summary>A command name.</summary>
    Command,
    /// <summary>A shell name (bash, zsh, fish).</summary>
    Shell,
}
