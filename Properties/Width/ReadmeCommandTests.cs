using System.Text.RegularExpressions;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties.Width;

/// <summary>Runs alone: the README's commands use paths relative to the working folder, which is process-wide.</summary>
[CollectionDefinition(nameof(WorkingFolder), DisableParallelization = true)]
public sealed class WorkingFolder;

/// <summary>
/// Every <c>lnsgd</c> command in a fenced <c>sh</c> block of README.md runs as written (exit 0),
/// in order, in a fresh folder holding a copy of <c>examples/</c>, with only the step counts cut
/// down: <c>--steps</c> and <c>--checkpoint-every</c> of <c>run</c>, and <c>steps</c> in the
/// example sweep specs. Every <c>toml</c> block without a list runs as <c>run --config</c>.
/// README is read when the test runs, so sections edited later are covered too. Left out, and
/// listed in the test's failure message when they are all that is found: usage lines (with
/// <c>[</c> or an upper-case placeholder), lines using shell variables or quotes, absolute paths
/// (cluster storage), and the minutes-long <c>reproduce</c>, <c>verify</c>, <c>bench</c> and
/// <c>real PRESET</c>. <c>resume</c> of a run that finished (README shows it after an interrupted
/// one) may answer "already finished".
/// </summary>
[Collection(nameof(WorkingFolder))]
public sealed class ReadmeCommandTests
{
    private const long Steps = 400;
    private static readonly HashSet<string> Long = ["reproduce", "verify", "bench"];

    [Fact]
    public void Every_fenced_lnsgd_command_of_README_runs()
    {
        var root = Root();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var commands = Blocks(readme, "sh").SelectMany(b => b.Split('\n')).Select(Command).OfType<string[]>().ToList();
        var configs = Blocks(readme, "toml").Where(b => !b.Contains('[')).ToList();
        Assert.NotEmpty(commands);

        var work = Path.Combine(Path.GetTempPath(), "lnsgd-readme-" + Guid.NewGuid().ToString("N"));
        CopyExamples(Path.Combine(root, "examples"), Path.Combine(work, "examples"));
        var before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = work;
            var failures = new List<string>();
            foreach (var args in commands) Run(args, failures);
            for (var k = 0; k < configs.Count; k++)
            {
                File.WriteAllText($"config{k}.toml", configs[k]);
                Run(["run", "--config", $"config{k}.toml", "--steps", $"{Steps}", "--out", $"toml{k}", "--quiet"], failures);
            }
            Assert.True(failures.Count == 0, string.Join('\n', failures));
        }
        finally
        {
            Environment.CurrentDirectory = before;
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Run(string[] args, List<string> failures)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Program.Dispatch(args, stdout, stderr);
        // README pairs `resume` with a run that was interrupted; here that run finished, which resume reports as such.
        if (args[0] == "resume" && code == 2 && stderr.ToString().Contains("already finished", StringComparison.Ordinal)) return;
        if (code != 0) failures.Add($"lnsgd {string.Join(' ', args)}: exit {code}: {stderr.ToString().Trim()}");
    }

    /// <summary>The fenced blocks of one language, in order.</summary>
    internal static IEnumerable<string> Blocks(string markdown, string language) =>
        Regex.Matches(markdown, "^```" + language + "[ \\t]*\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    /// <summary>The arguments after <c>lnsgd</c> of a runnable command line, cut down in steps; null for any other line.</summary>
    internal static string[]? Command(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        var text = (hash >= 0 ? line[..hash] : line).Trim().TrimEnd('&').Trim();
        if (!text.StartsWith("lnsgd ", StringComparison.Ordinal)) return null;
        if (text.IndexOfAny(['[', '$', '"', '\'', '|', '<', '>']) >= 0 || Regex.IsMatch(text, @"\b[A-Z]{3,}\b")) return null;
        var args = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        if (args.Any(a => a.StartsWith('/'))) return null;
        if (Long.Contains(args[0]) || (args[0] == "real" && args.Length > 1 && !args[1].StartsWith('-'))) return null;
        return args[0] == "run" ? Shortened(args) : args;
    }

    // --steps → Steps (added when absent), --checkpoint-every → a quarter of it.
    private static string[] Shortened(string[] args)
    {
        var list = args.ToList();
        Set(list, "--steps", $"{Steps}");
        if (list.Contains("--checkpoint-every")) Set(list, "--checkpoint-every", $"{Steps / 4}");
        return [.. list];
    }

    private static void Set(List<string> args, string option, string value)
    {
        var at = args.IndexOf(option);
        if (at >= 0 && at + 1 < args.Count) args[at + 1] = value;
        else args.AddRange([option, value]);
    }

    private static void CopyExamples(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = File.ReadAllText(file);
            // Sweep specs: every run keeps its grid and seeds, with few steps.
            if (file.EndsWith(".toml", StringComparison.Ordinal))
                text = Regex.Replace(text, @"^(\s*(steps|record_every)\s*=\s*)\d+", m => m.Groups[1].Value + (m.Groups[2].Value == "steps" ? $"{Steps}" : $"{Steps / 4}"), RegexOptions.Multiline);
            File.WriteAllText(target, text);
        }
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Functional.sln not found above the test folder");
    }
}
