using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Lnsgd.Properties.Reliability;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties.Fuzz;

/// <summary>
/// The same hostile files through the whole program: whatever the bytes, <c>lnsgd</c> ends with
/// a documented exit code, and exit 2 comes with exactly one line on stderr and no stack trace.
/// (Valid mutations may simply run: their configs are tiny.)
/// </summary>
public class CliFuzzTests
{
    private static (int Code, string Stderr) Lnsgd(params string[] args)
    {
        var stderr = new StringWriter();
        var code = Program.Dispatch(args, TextWriter.Null, stderr);
        return (code, stderr.ToString());
    }

    private static bool Documented(int code, string stderr, params int[] allowed) =>
        allowed.Contains(code) && (code != 2 || (stderr.StartsWith("lnsgd: ", StringComparison.Ordinal) && stderr.TrimEnd('\n').Split('\n').Length == 1))
        && !stderr.Contains("   at ", StringComparison.Ordinal)
            ? true : throw new Exception($"exit {code}: {stderr}");

    private static Property Fuzz(byte[][] seeds, Func<byte[], bool> check) =>
        Prop.ForAll(FuzzInputs.For(new FuzzTarget("cli", seeds, _ => { })).ToArbitrary(), check);

    [Fact]
    public void A_hostile_config_file_ends_in_exit_2_with_one_line_and_no_folder()
    {
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes("preset = \"fig2\"\nm = 12\nn = 20\nn_test = 5\nsteps = 40\nrecord_every = 10\n"),
            Encoding.UTF8.GetBytes("optimizer = \"sam\"\nrho = 0.1\nm = 9\nd = 3\nn = 10\nn_test = 4\nsteps = 30\nrecord_every = 10\nengine = \"gram\"\n"),
        ];
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        var k = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), Fuzz(seeds, bytes =>
        {
            var (file, outDir) = (tmp.Sub($"c{k}.toml"), tmp.Sub($"out{k++}"));
            File.WriteAllBytes(file, bytes);
            var (code, stderr) = Lnsgd("run", "--config", file, "--no-plots", "--quiet", "--out", outDir);
            return Documented(code, stderr, 0, 2, 3) && (code != 2 || !Directory.Exists(outDir));
        }));
    }

    [Fact]
    public void A_hostile_manifest_or_checkpoint_ends_in_a_documented_exit_of_replay_and_resume()
    {
        using var tmp = new TempFolder();
        var source = tmp.Sub("source");
        using (var stop = Shell.Runs.StopSignal.AtStep(20))
            Assert.Equal(143, Shell.Runs.RunSession.Execute(Shell.Commands.RunCommand.Plan(
                ["fig2", "--set", "m=12", "--set", "n=20", "--set", "n_test=5", "--steps", "40", "--record-every", "10", "--no-plots", "--quiet", "--out", source]),
                TextWriter.Null, TextWriter.Null, stop, quiet: true));
        var k = 0;
        foreach (var (file, command) in new[] { ("manifest.json", "replay"), ("manifest.json", "resume"), ("checkpoint.npz", "resume") })
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), Fuzz([File.ReadAllBytes(Path.Combine(source, file))], bytes =>
            {
                var dir = tmp.Sub($"run{k++}");
                Directory.CreateDirectory(dir);
                foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
                File.WriteAllBytes(Path.Combine(dir, file), bytes);
                var (code, stderr) = command == "replay" ? Lnsgd("replay", dir, "--check", "--quiet") : Lnsgd("resume", dir, "--quiet");
                return Documented(code, stderr, command == "replay" ? [0, 1, 2] : [0, 2, 3]);
            }));
        }
    }
}
