using Lnsgd.Core.Sweeps;
using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Sweeps;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// <c>lnsgd sweep</c> and <c>lnsgd collect</c> on bad input: one line on stderr, exit 2, nothing
/// run; a run that fails makes the sweep exit 1 after the others finished.
/// </summary>
public sealed class SweepCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lnsgd-sweepcli-" + Guid.NewGuid().ToString("N"));

    public SweepCliTests() => Directory.CreateDirectory(_dir);

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Stdout, string Stderr) Sweep(string spec, params string[] args)
    {
        var path = Path.Combine(_dir, "spec.toml");
        File.WriteAllText(path, spec);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code;
        try { code = SweepCommand.Execute([path, "--out", Path.Combine(_dir, "out"), "--quiet", .. args], stdout, stderr, _ => null); }
        catch (Lnsgd.Shell.Cli.UsageError e) { stderr.WriteLine($"lnsgd: {e.Message}"); code = 2; }
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("wibble = [1, 2]", "unknown config key 'wibble'")]
    [InlineData("sigma = [1, -1]", "invalid value for 'sigma': '-1' (allowed: finite number >= 0)")]
    [InlineData("m = [10, 0.5]", "invalid value for 'm': '0.5'")]
    [InlineData("seeds = 0", "invalid value for 'seeds'")]
    [InlineData("seeds = [1.5]", "invalid value for 'seed'")]
    [InlineData("seed = 1\nseeds = 2", "both 'seeds' and 'seed'")]
    [InlineData("sigma = []", "'sigma' lists no values")]
    [InlineData("sigma = [[1, 2]]", "must be a number or string")]
    [InlineData("[extra]\nsigma = 1", "only [[cases]] tables are allowed")]
    [InlineData("preset = \"nope\"", "unknown preset 'nope'")]
    [InlineData("n = 10\nbatch = [1, 20]", "invalid value for 'batch': '20' (allowed: integer in [1, n] = [1, 10])")]
    [InlineData("optimizer = [\"sgd\", \"oscillation\"]\nengine = \"gram\"", "invalid value for 'engine'")]
    [InlineData("[[cases]]\nseeds = 3", "'seeds' is allowed only at the top level")]
    [InlineData("sigma = = 3", "malformed sweep spec")]
    public void A_bad_spec_is_one_line_exit_2_and_runs_nothing(string spec, string message)
    {
        var (code, stdout, stderr) = Sweep(spec);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, Assert.Single(stderr.TrimEnd('\n').Split('\n')));
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void A_failed_run_makes_the_sweep_exit_1_after_the_others_finished()
    {
        const string spec = "m = 10\nn = 20\nd = 3\nsteps = 50\nrecord_every = 10\nsigma = [1, 2, 3]\n";
        var runs = SweepExpansion.Expand(SweepSpecReader.Parse(spec, "spec")).ValueOrThrow();
        // A file where the run folder must go: that run cannot be written.
        Directory.CreateDirectory(Path.Combine(_dir, "out"));
        File.WriteAllText(Path.Combine(_dir, "out", runs[1].Id), "in the way");

        var (code, _, stderr) = Sweep(spec);

        Assert.Equal(1, code);
        Assert.Contains(runs[1].Id, stderr);
        Assert.Contains("1 of 3 runs failed", stderr);
        Assert.IsType<RunFolderState.Complete>(RunFolderState.Of(Path.Combine(_dir, "out", runs[0].Id), runs[0].Hash));
        Assert.IsType<RunFolderState.Complete>(RunFolderState.Of(Path.Combine(_dir, "out", runs[2].Id), runs[2].Hash));
    }

    [Theory]
    [InlineData("--x", "sigma")]
    [InlineData("--value", "wibble", "--x", "sigma", "--y", "eta")]
    [InlineData("--x", "sigma", "--y", "sigma")]
    [InlineData("--x", "sigma", "--y", "eta", "--where", "m=0")]
    [InlineData("--x", "sigma", "--y", "seed")]
    public void Collect_refuses_bad_diagram_choices_before_writing(params string[] options)
    {
        const string spec = "m = 10\nn = 20\nd = 3\nsteps = 50\nrecord_every = 10\nsigma = [1, 2]\neta = [0.001, 0.002]\nbatch = [1, 2]\n";
        Assert.Equal(0, Sweep(spec).Code);
        var stderr = new StringWriter();
        var code = Program.Dispatch(["collect", Path.Combine(_dir, "out"), "--quiet", .. options], TextWriter.Null, stderr);
        Assert.Equal(2, code);
        Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Path.Combine(_dir, "out", "sweep.csv")));
    }

    [Fact]
    public void Collect_of_a_missing_folder_is_exit_2() =>
        Assert.Equal(2, Program.Dispatch(["collect", Path.Combine(_dir, "nope")], TextWriter.Null, TextWriter.Null));
}
