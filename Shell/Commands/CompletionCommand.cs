using Lnsgd.Core.RealWorld;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Commands;

/// <summary><c>lnsgd completion bash|zsh|fish</c>: the completion script, derived from <see cref="CommandTable"/>.</summary>
public static class CompletionCommand
{
    internal static IReadOnlySet<string> Values { get; } = new HashSet<string>();
    internal static IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--help" };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, Values.ToHashSet(), Flags.ToHashSet());
        if (parsed.Has("--help")) { stdout.Write(Help); return 0; }
        if (parsed.Positionals is not [var shell])
            throw new UsageError($"completion takes one shell ({string.Join(", ", CompletionScript.Shells)}), e.g. `source <(lnsgd completion bash)`");
        stdout.Write(CompletionScript.For(shell, CommandTable.All, Words));
        return 0;
    }

    /// <summary>The words completion offers for a positional kind.</summary>
    public static IReadOnlyList<string> Words(Positional kind) => kind switch
    {
        Positional.Preset => [.. Presets.All.Select(p => p.Name)],
        Positional.RealPreset => [.. RealPresets.All.Select(p => p.Name)],
        Positional.Command => [.. CommandTable.Names],
        Positional.Shell => CompletionScript.Shells,
        _ => [],
    };

    private const string Help =
        """
        usage: lnsgd completion bash|zsh|fish

        Prints a completion script for the shell: commands, options, preset names, and file or
        folder names where a command takes one. Load it for this session, or add the line to
        the shell's startup file:
          bash:  source <(lnsgd completion bash)           (~/.bashrc)
          zsh:   source <(lnsgd completion zsh)            (~/.zshrc, after compinit)
          fish:  lnsgd completion fish | source            (or save to ~/.config/fish/completions/lnsgd.fish)

        """;
}
