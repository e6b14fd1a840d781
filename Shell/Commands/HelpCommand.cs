using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Commands;

/// <summary><c>lnsgd help [COMMAND]</c>: the overview, or the named command's help (what <c>COMMAND --help</c> prints).</summary>
public static class HelpCommand
{
    internal static IReadOnlySet<string> Values { get; } = new HashSet<string>();
    internal static IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, Values.ToHashSet(), Flags.ToHashSet());
        switch (parsed.Positionals)
        {
            case []: stdout.Write(CommandTable.Overview()); return 0;
            case [var name]: stdout.Write(CommandTable.Require(name).Help()); return 0;
            default: throw new UsageError($"help takes at most one command, got: {string.Join(' ', parsed.Positionals)}");
        }
    }
}
