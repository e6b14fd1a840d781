using System.Diagnostics;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Shell;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Commands;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// The command line's manners, all derived from <see cref="CommandTable"/>: help for every
/// command however asked, the exit-2 convention, typo suggestions, options named in errors,
/// and completion scripts that complete what the parsers accept.
/// </summary>
public class CliConventionTests
{
    private static (int Code, string Stdout, string Stderr) Lnsgd(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Program.Dispatch(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string> Commands() => [.. CommandTable.Names];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_way_of_asking_for_help_prints_the_commands_help_and_runs_nothing(string command)
    {
        var help = CommandTable.Find(command)!.Help();
        Assert.Contains("usage: lnsgd", help);
        foreach (var args in new[] { new[] { command, "-h" }, [command, "--help"], ["help", command], [command, "fig2", "-h"], [command, "--quiet", "--help"] })
        {
            var (code, stdout, stderr) = Lnsgd(args);
            Assert.Equal(0, code);
            Assert.Equal(help, stdout);
            Assert.Equal("", stderr);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_commands_help_documents_every_option_its_parser_accepts(string command)
    {
        var declaration = CommandTable.Find(command)!;
        var help = declaration.Help();
        foreach (var option in declaration.Options.Where(o => o != "--help"))
            Assert.True(Regex.IsMatch(help, $@"(?<![\w-]){Regex.Escape(option)}(?![\w-])"), $"{command} --help does not mention {option}");
    }

    [Fact]
    public void Bare_lnsgd_prints_the_overview_on_stderr_and_exits_2()
    {
        var (code, stdout, stderr) = Lnsgd();
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(CommandTable.Overview(), stderr);
        foreach (var name in CommandTable.Names) Assert.Contains($"\n  {name}", stderr);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit_line()
    {
        var (code, stdout, _) = Lnsgd("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^lnsgd \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,40}|unknown); \.NET [^)]+\)\n$", stdout);
        Assert.Equal(VersionInfo.Version, stdout.Split(' ')[1]);
    }

    [Theory]
    [InlineData(new[] { "rnu" }, "unknown command 'rnu' (did you mean 'run'?)")]
    [InlineData(new[] { "presets", "fig99" }, "unknown preset 'fig99' (known: fig2,")]
    [InlineData(new[] { "sweeep" }, "(did you mean 'sweep'?)")]
    [InlineData(new[] { "run", "--step", "5" }, "unknown option '--step' (did you mean '--steps'?)")]
    [InlineData(new[] { "collect", "x", "--noplots" }, "(did you mean '--no-plots'?)")]
    [InlineData(new[] { "presets", "fig2-clen" }, "unknown preset 'fig2-clen' (did you mean 'fig2-clean'?)")]
    [InlineData(new[] { "verify", "--seeds", "0" }, "invalid value for '--seeds': '0' (allowed: integer >= 1)")]
    [InlineData(new[] { "reproduce", "--parallel", "0" }, "invalid value for '--parallel': '0'")]
    [InlineData(new[] { "completion", "tcsh" }, "no completion for shell 'tcsh'")]
    [InlineData(new[] { "run", "--quiet=1" }, "option '--quiet' takes no value")]
    public void Bad_input_is_one_line_naming_what_was_wrong_with_a_suggestion_when_one_is_near(string[] args, string expected)
    {
        var (code, stdout, stderr) = Lnsgd(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, line);
    }

    [Fact]
    public void An_output_folder_the_system_refuses_is_named_with_the_reason()
    {
        var (code, _, stderr) = Lnsgd("reproduce", "--out", "/proc/lnsgd-cannot-be-here", "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("cannot create output folder '/proc/lnsgd-cannot-be-here'", stderr);
    }

    [Fact]
    public void Presets_with_a_name_lists_that_preset_only()
    {
        var (code, stdout, _) = Lnsgd("presets", "periodic");
        Assert.Equal(0, code);
        Assert.StartsWith("periodic  ", stdout);
        Assert.DoesNotContain("fig2", stdout);
    }

    // The edit distance behaves as a distance should, and a one-character slip of a known word is always
    // answered with a word no farther from the slip than the intended one.
    [Property(MaxTest = 300)]
    public Property Edit_distance_is_a_metric() =>
        Prop.ForAll(Word.ToArbitrary(), Word.ToArbitrary(), Word.ToArbitrary(), (a, b, c) =>
            Suggestion.Distance(a, a) == 0
            && Suggestion.Distance(a, b) == Suggestion.Distance(b, a)
            && (a == b) == (Suggestion.Distance(a, b) == 0)
            && Suggestion.Distance(a, b) >= Math.Abs(a.Length - b.Length)
            && Suggestion.Distance(a, b) <= Math.Max(a.Length, b.Length)
            && Suggestion.Distance(a + c, b + c) <= Suggestion.Distance(a, b)
            && (a.Length < 2 || Suggestion.Distance(a, $"{a[1]}{a[0]}{a[2..]}") <= 1));

    [Property(MaxTest = 300)]
    public Property A_one_character_slip_of_an_option_or_command_gets_a_suggestion_at_most_as_far() =>
        Prop.ForAll(Slips.ToArbitrary(), slip =>
        {
            var near = Suggestion.Nearest(slip.Typed, slip.Known);
            return near is not null && Suggestion.Distance(slip.Typed, near) <= Suggestion.Distance(slip.Typed, slip.Intended);
        });

    private static readonly Gen<string> Word = Gen.Elements("abcde-".ToCharArray()).ArrayOf().Select(cs => new string(cs));

    private sealed record Slip(string Intended, string Typed, IReadOnlyList<string> Known);

    private static readonly Gen<Slip> Slips =
        from command in Gen.Elements(CommandTable.All.ToArray())
        from commands in Gen.Elements(false, true)
        let known = commands ? (IReadOnlyList<string>)[.. CommandTable.Names] : command.Options
        from intended in Gen.Elements(known.Where(w => w.TrimStart('-').Length >= 3).DefaultIfEmpty("--quiet").ToArray())
        from position in Gen.Choose(2, intended.Length - 1)
        from kind in Gen.Choose(0, 2)
        from letter in Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray())
        let typed = kind switch
        {
            0 => intended.Remove(position, 1),
            1 => intended.Insert(position, letter.ToString()),
            _ => intended.Remove(position, 1).Insert(position, letter.ToString()),
        }
        select new Slip(intended, typed, known);

    [Fact]
    public void The_bash_completion_completes_commands_options_presets_and_files()
    {
        var script = Path.Combine(Path.GetTempPath(), "lnsgd-completion-" + Guid.NewGuid().ToString("N") + ".bash");
        File.WriteAllText(script, Lnsgd("completion", "bash").Stdout);
        try
        {
            string Complete(params string[] words) => Bash(script, words);
            Assert.Equal("run", Complete("lnsgd", "ru"));
            Assert.Equal("--step-axis --steps", Complete("lnsgd", "run", "--ste"));
            Assert.Equal("--steps", Complete("lnsgd", "run", "--steps"));
            Assert.Equal("fig2 fig2-clean", Complete("lnsgd", "run", "fig2"));
            Assert.Equal("--shard --shards", Complete("lnsgd", "sweep", "x.toml", "--sha"));
            Assert.Equal("fish", Complete("lnsgd", "completion", "fi"));
            Assert.Contains("fig3", Complete("lnsgd", "real", "fig").Split(' '));
            Assert.Contains(Path.GetFileName(script), Complete("lnsgd", "sweep", script[..^5]).Split(' ').Select(Path.GetFileName));
            // After an option that takes a value, a file name, not an option.
            Assert.Contains(Path.GetFileName(script), Complete("lnsgd", "run", "--config", script[..^5]).Split(' ').Select(Path.GetFileName));
        }
        finally { File.Delete(script); }
    }

    // Runs the completion function as bash would for the words typed so far; returns COMPREPLY.
    private static string Bash(string script, string[] words)
    {
        var quoted = string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo("bash", ["-c", $"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD={words.Length - 1}; _lnsgd; echo \"${{COMPREPLY[*]}}\""])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return string.Join(' ', output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("zsh")]
    [InlineData("fish")]
    public void The_zsh_and_fish_scripts_offer_every_command_and_option(string shell)
    {
        var (code, script, _) = Lnsgd("completion", shell);
        Assert.Equal(0, code);
        foreach (var command in CommandTable.All)
        {
            Assert.Contains(command.Name, script);
            foreach (var option in command.Options) Assert.Contains(shell == "fish" ? $"-l {option[2..]}" : option, script);
        }
    }
}
