using System.Text;

namespace Lnsgd.Shell.Cli;

/// <summary>
/// Shell completion scripts derived from the command declarations: commands, each command's
/// options, a file name after an option that takes a value, and the positional arguments each
/// command takes (preset names, files, folders, commands, shells).
/// </summary>
public static class CompletionScript
{
    /// <summary>The shells a script exists for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    /// <summary>The script for <paramref name="shell"/>; <paramref name="words"/> gives the words of each word-list positional kind.</summary>
    public static string For(string shell, IReadOnlyList<CommandDeclaration> commands, Func<Positional, IReadOnlyList<string>> words) => shell switch
    {
        "bash" => Bash(commands, words),
        "zsh" => Zsh(commands, words),
        "fish" => Fish(commands, words),
        _ => throw new UsageError($"no completion for shell '{shell}'{Suggestion.DidYouMean(shell, Shells)} (shells: {string.Join(", ", Shells)})"),
    };

    private static string Bash(IReadOnlyList<CommandDeclaration> commands, Func<Positional, IReadOnlyList<string>> words)
    {
        var sb = new StringBuilder();
        sb.Append("# bash completion for lnsgd. Load it with: source <(lnsgd completion bash)\n");
        sb.Append("_lnsgd() {\n");
        sb.Append("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" opts=\"\" values=\"\" positional=\"\"\n");
        sb.Append($"    if [ \"$COMP_CWORD\" -eq 1 ]; then COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name))} --version --help\" -- \"$cur\")); return; fi\n");
        sb.Append("    case \"${COMP_WORDS[1]}\" in\n");
        foreach (var c in commands)
            sb.Append($"        {c.Name}) opts=\"{string.Join(' ', c.Options.Append("-h"))}\"; values=\"{string.Join(' ', c.ValueOptions.Order(StringComparer.Ordinal))}\"; positional=\"{Kind(c.Positional)}\" ;;\n");
        sb.Append("        *) return ;;\n    esac\n");
        sb.Append("    case \" $values \" in *\" $prev \"*) COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac\n");
        sb.Append("    if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return; fi\n");
        sb.Append("    case \"$positional\" in\n");
        sb.Append("        file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n");
        sb.Append("        folder) COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n");
        foreach (var kind in WordKinds)
            sb.Append($"        {Kind(kind)}) COMPREPLY=($(compgen -W \"{string.Join(' ', words(kind))}\" -- \"$cur\")) ;;\n");
        sb.Append("    esac\n}\ncomplete -o default -F _lnsgd lnsgd\n");
        return sb.ToString();
    }

    private static string Zsh(IReadOnlyList<CommandDeclaration> commands, Func<Positional, IReadOnlyList<string>> words)
    {
        var sb = new StringBuilder();
        sb.Append("#compdef lnsgd\n# zsh completion for lnsgd. Load it with: source <(lnsgd completion zsh)\n");
        sb.Append("# (or save it as _lnsgd in a folder on $fpath).\n");
        sb.Append("_lnsgd() {\n    local -a opts values positional\n");
        sb.Append($"    if (( CURRENT == 2 )); then compadd -- {string.Join(' ', commands.Select(c => c.Name))} --version --help; return; fi\n");
        sb.Append("    case ${words[2]} in\n");
        foreach (var c in commands)
            sb.Append($"        {c.Name}) opts=({string.Join(' ', c.Options.Append("-h"))}); values=({string.Join(' ', c.ValueOptions.Order(StringComparer.Ordinal))}); positional=({Kind(c.Positional)}) ;;\n");
        sb.Append("        *) return ;;\n    esac\n");
        sb.Append("    if (( ${values[(Ie)${words[CURRENT-1]}]} )); then _files; return; fi\n");
        sb.Append("    if [[ ${words[CURRENT]} == -* ]]; then compadd -- $opts; return; fi\n");
        sb.Append("    case $positional in\n        file) _files ;;\n        folder) _files -/ ;;\n");
        foreach (var kind in WordKinds)
            sb.Append($"        {Kind(kind)}) compadd -- {string.Join(' ', words(kind))} ;;\n");
        sb.Append("    esac\n}\n");
        sb.Append("if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then _lnsgd \"$@\"; else compdef _lnsgd lnsgd; fi\n");
        return sb.ToString();
    }

    private static string Fish(IReadOnlyList<CommandDeclaration> commands, Func<Positional, IReadOnlyList<string>> words)
    {
        var sb = new StringBuilder("# fish completion for lnsgd. Load it with: lnsgd completion fish | source\n");
        sb.Append("complete -c lnsgd -f\n");
        sb.Append("complete -c lnsgd -n __fish_use_subcommand -l version -d 'print the version and commit'\n");
        foreach (var c in commands)
            sb.Append($"complete -c lnsgd -n __fish_use_subcommand -a {c.Name} -d '{c.Summary.Replace("'", "\\'")}'\n");
        foreach (var c in commands)
        {
            var when = $"-n '__fish_seen_subcommand_from {c.Name}'";
            foreach (var option in c.Options)
                sb.Append($"complete -c lnsgd {when} -l {option[2..]}{(c.ValueOptions.Contains(option) ? " -r -F" : "")}\n");
            sb.Append($"complete -c lnsgd {when} -s h\n");
            switch (c.Positional)
            {
                case Positional.File: sb.Append($"complete -c lnsgd {when} -F\n"); break;
                case Positional.Folder: sb.Append($"complete -c lnsgd {when} -a '(__fish_complete_directories)'\n"); break;
                case Positional.None: break;
                default: sb.Append($"complete -c lnsgd {when} -a '{string.Join(' ', words(c.Positional))}'\n"); break;
            }
        }
        return sb.ToString();
    }

    private static readonly Positional[] WordKinds = [Positional.Preset, Positional.RealPreset, Positional.Command, Positional.Shell];

    private static string Kind(Positional p) => p.ToString().ToLowerInvariant();
}
