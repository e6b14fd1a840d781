using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Lnsgd.Shell.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Lnsgd.Properties.Fuzz;

/// <summary>
/// Generated hostile inputs to every parser end in the documented error path: the call returns,
/// or throws <see cref="UsageError"/> with one line. The suite runs a few hundred cases per
/// parser; <c>LNSGD_FUZZ_CASES=N</c> runs N (the long fuzz), and <c>LNSGD_FUZZ_REPORT=FILE</c>
/// appends each parser's count and distinct error messages to FILE.
/// </summary>
public partial class FuzzTests(ITestOutputHelper output)
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("LNSGD_FUZZ_CASES"), out var n) && n > 0 ? n : 300;

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hostile_input_ends_in_a_one_line_usage_error(string name)
    {
        var target = FuzzTargets.Named(name);
        var messages = new ConcurrentDictionary<string, int>();
        var (accepted, refused) = (0, 0);
        var property = Prop.ForAll(FuzzInputs.For(target).ToArbitrary(), bytes =>
        {
            try
            {
                target.Parse(bytes);
                accepted++;
                return true;
            }
            catch (UsageError e) when (!e.Message.Contains('\n') && !e.Message.Contains('\r') && e.Message.Length > 0)
            {
                refused++;
                messages.AddOrUpdate(Template(e.Message), 1, (_, k) => k + 1);
                return true;
            }
            catch (Exception e)
            {
                throw new Exception($"{target.Name}: {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(bytes)}", e);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);

        var report = new StringBuilder($"{target.Name}: {accepted + refused} inputs, {accepted} accepted, {refused} refused with a usage error, {messages.Count} distinct messages (numbers shown as N, quoted text as '…')\n");
        foreach (var (message, count) in messages.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            report.Append($"  {count,6}  {message}\n");
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("LNSGD_FUZZ_REPORT") is { Length: > 0 } file)
            lock (typeof(FuzzTests)) File.AppendAllText(file, report + "\n");
    }

    /// <summary>The message with its variable parts (quoted text, listed names, hex and decimal numbers) blanked, so messages group by kind.</summary>
    private static string Template(string message) =>
        Digits().Replace(Hex().Replace(Found().Replace(Quoted().Replace(message, m => $"{m.Value[0]}…{m.Value[0]}"), "(found: …)"), "N"), "N");

    [GeneratedRegex(@"'[^']*'|""[^""]*""|`[^`]*`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\(found: [^)]*\)")]
    private static partial Regex Found();

    [GeneratedRegex(@"0x[0-9a-fA-F]+")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
