using System.Globalization;
using FsCheck.Xunit;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Runs;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// The same guarantees through the program: a run stopped at a generated step and resumed
/// leaves exactly the folder of an uninterrupted run (metrics, trace, snapshots, exported final
/// weights, manifest and its hash); replay --check of any run matches; a single changed value in
/// any recorded row is reported at its step and column with exit 1.
/// </summary>
public class RunFolderProperties
{
    /// <summary>Every key of the config as --set arguments: the command line that runs exactly this config.</summary>
    internal static string[] SetAll(RunConfig c) => [.. ConfigSchema.Describe(c).SelectMany(kv => new[] { "--set", $"{kv.Key}={kv.Value}" })];

    internal static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Program.Dispatch(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static int RunStopped(string[] args, long stop)
    {
        using var signal = StopSignal.AtStep(stop);
        return RunSession.Execute(RunCommand.Plan(args), TextWriter.Null, TextWriter.Null, signal, quiet: true);
    }

    [Property(MaxTest = 40)]
    public bool Stop_and_resume_leave_the_folder_of_an_uninterrupted_run(int raw, ulong seed, bool gram, uint stopRaw, byte options)
    {
        var (spec, _) = CheckpointProperties.Case(raw, seed, gram);
        var config = spec.Config;
        using var tmp = new TempFolder();
        var every = (options % 3) switch { 0 => 0, 1 => 3, _ => 7 };
        var export = (options & 4) != 0 && RunArrays.TapeError(config) is null;
        string[] common = [.. SetAll(config), "--no-plots", "--quiet", "--checkpoint-every", every.ToString(CultureInfo.InvariantCulture), .. export ? new[] { "--export-npz" } : []];
        var stop = stopRaw % (config.Steps + 1);

        var first = RunStopped([.. common, "--out", tmp.Sub("a")], stop);
        var (final, _, err) = first == StopSignal.TerminateExit ? Cli("resume", tmp.Sub("a"), "--quiet") : (first, "", "");
        var (whole, _, _) = Cli(["run", .. common, "--out", tmp.Sub("b")]);
        if (final != whole) throw new Exception($"exit {first} then {final} ({err}) vs uninterrupted {whole}");
        // A diverged run keeps its last checkpoint, which after a resume may be the one the stop wrote.
        var difference = BitEquality.FolderDifference(tmp.Sub("a"), tmp.Sub("b"), whole == 3 ? [CheckpointFile.Name] : []);
        if (difference is not null) throw new Exception($"stop {stop}, every {every}: {difference}");
        var (check, _, checkErr) = Cli("replay", tmp.Sub("a"), "--check", "--quiet");
        return check == 0 ? true : throw new Exception($"replay of the resumed run: {checkErr}");
    }

    [Property(MaxTest = 40)]
    public bool An_interrupted_run_replays_to_its_checkpoint_step(int raw, ulong seed, uint stopRaw)
    {
        var (spec, _) = CheckpointProperties.Case(raw, seed, false);
        using var tmp = new TempFolder();
        var stop = stopRaw % spec.Config.Steps;
        var code = RunStopped([.. SetAll(spec.Config), "--no-plots", "--quiet", "--out", tmp.Path], stop);
        if (code == 3) return true;
        var (check, _, err) = Cli("replay", tmp.Path, "--check", "--quiet");
        return code == StopSignal.TerminateExit && check == 0 ? true : throw new Exception($"exit {code}, replay {check}: {err}");
    }

    [Property(MaxTest = 40)]
    public bool A_single_changed_value_in_a_recorded_row_is_reported_at_its_step_and_column(int raw, ulong seed, byte fileRaw, uint rowRaw, uint columnRaw)
    {
        var (spec, _) = CheckpointProperties.Case(raw, seed, false);
        using var tmp = new TempFolder();
        var (code, _, _) = Cli(["run", .. SetAll(spec.Config), "--no-plots", "--quiet", "--out", tmp.Path]);
        if (code != 0) return true;   // a diverged run is covered by the replay property
        var file = new[] { "metrics.csv", "trace.csv", "snapshots.csv" }[fileRaw % 3];
        var path = Path.Combine(tmp.Path, file);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var k = 1 + (int)(rowRaw % (uint)(lines.Length - 1));
        var cells = lines[k].Split(',');
        // A value column (not step, not the neuron index): nudge it by one unit in the last place.
        var valueColumns = Enumerable.Range(1, header.Length - 1).Where(c => header[c] != "neuron").ToArray();
        var c = valueColumns[columnRaw % (uint)valueColumns.Length];
        var value = double.Parse(cells[c], CultureInfo.InvariantCulture);
        cells[c] = Math.BitIncrement(value).ToString("R", CultureInfo.InvariantCulture);
        lines[k] = string.Join(',', cells);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        var (check, stdout, stderr) = Cli("replay", tmp.Path, "--check");
        var expected = $"at step {cells[0]}: {header[c]} ({file} line {k + 1}:";
        return check == 1 && stdout == "" && stderr.Contains(expected, StringComparison.Ordinal) && stderr.TrimEnd('\n').Split('\n').Length == 1
            ? true : throw new Exception($"exit {check}, expected '{expected}' in: {stderr}");
    }

    [Fact]
    public void A_changed_hash_alone_is_reported_without_a_step()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, Cli("run", "fig2", "--set", "m=30", "--steps", "40", "--record-every", "10", "--no-plots", "--quiet", "--out", tmp.Path).Code);
        var manifest = Path.Combine(tmp.Path, "manifest.json");
        var text = File.ReadAllText(manifest);
        var at = text.IndexOf("\"trajectory_sha256\": \"", StringComparison.Ordinal) + 22;
        File.WriteAllText(manifest, text[..at] + (text[at] == '0' ? '1' : '0') + text[(at + 1)..]);
        var (code, _, stderr) = Cli("replay", tmp.Path, "--check");
        Assert.Equal(1, code);
        Assert.Contains("trajectory_sha256", stderr);
    }

    [Fact]
    public void Resume_with_figures_and_input_files_ends_with_the_uninterrupted_folder()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        // --init from a file: resume must read it again and find the same bytes.
        var init = tmp.Sub("init.npz");
        var net = Lnsgd.Core.Networks.Initialisation.Ntk(30, 20, 99, 1.0, 1.0);
        File.WriteAllBytes(init, Npz.ToBytes(RunArrays.Weights(net)));
        string[] common = ["fig2", "--set", "m=30", "--steps", "300", "--record-every", "20", "--init", init, "--quiet", "--checkpoint-every", "50"];
        Assert.Equal(StopSignal.TerminateExit, RunStopped([.. common, "--out", tmp.Sub("a")], 120));
        Assert.Contains("\"status\": \"interrupted\"", File.ReadAllText(Path.Combine(tmp.Sub("a"), "manifest.json")));
        Assert.Equal(0, Cli("resume", tmp.Sub("a"), "--quiet").Code);
        Assert.Equal(0, Cli(["run", .. common, "--out", tmp.Sub("b")]).Code);
        Assert.Null(BitEquality.FolderDifference(tmp.Sub("a"), tmp.Sub("b")));
        Assert.Equal(0, Cli("replay", tmp.Sub("a"), "--check", "--quiet").Code);

        // The same input file with other bytes is refused, with exit 2 and one line.
        Assert.Equal(StopSignal.TerminateExit, RunStopped([.. common, "--out", tmp.Sub("c")], 120));
        File.WriteAllBytes(init, Npz.ToBytes(RunArrays.Weights(Lnsgd.Core.Networks.Initialisation.Ntk(30, 20, 98, 1.0, 1.0))));
        var (code, _, stderr) = Cli("resume", tmp.Sub("c"));
        Assert.Equal(2, code);
        Assert.Contains("has changed since the run", stderr);
    }

    [Fact]
    public void Resume_refuses_finished_and_diverged_runs_and_foreign_checkpoints()
    {
        using var tmp = new TempFolder();
        string[] small = ["fig2", "--set", "m=30", "--steps", "60", "--record-every", "10", "--no-plots", "--quiet"];
        Assert.Equal(0, Cli([.. small.Prepend("run"), "--out", tmp.Sub("done")]).Code);
        var (code, _, stderr) = Cli("resume", tmp.Sub("done"));
        Assert.Equal(2, code);
        Assert.Contains("already finished", stderr);

        Assert.Equal(StopSignal.TerminateExit, RunStopped([.. small, "--out", tmp.Sub("a")], 30));
        Assert.Equal(StopSignal.TerminateExit, RunStopped([.. small, "--seed", "1", "--out", tmp.Sub("b")], 30));
        File.Copy(Path.Combine(tmp.Sub("b"), CheckpointFile.Name), Path.Combine(tmp.Sub("a"), CheckpointFile.Name), overwrite: true);
        (code, _, stderr) = Cli("resume", tmp.Sub("a"));
        Assert.Equal(2, code);
        Assert.Contains("belongs to another run", stderr);
    }
}
