using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using Lnsgd.Core.Datasets;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Runs;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// The 14 hostile cases of README "Reliability", one test (or a few) each, numbered as there:
/// each reproduces the case as a user or an attacker would meet it — in child processes where it
/// takes two processes, a signal, another working folder or a resource limit — and states the
/// behaviour now required. m = 50 keeps every case small.
/// </summary>
public class HostileCaseTests
{
    // Full-batch GD on n = 3,000: a fraction of a millisecond a step, so a child is caught mid-run.
    private static string[] Slow(long steps) =>
        ["run", "fig2", "--set", "m=50", "--set", "optimizer=gd", "--set", "n=3000", "--set", "sigma=1",
         "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--record-every", "100", "--quiet", "--no-plots"];

    private static string[] Small(string outDir, params string[] more) =>
        ["run", "fig2", "--set", "m=50", "--set", "n=40", "--set", "n_test=20", "--steps", "200", "--record-every", "20", "--no-plots", "--quiet", "--out", outDir, .. more];

    private static string Status(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("status").GetString()!;

    private static void OneLine(string stderr, string contains)
    {
        Assert.StartsWith("lnsgd: ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(contains, stderr);
    }

    // Case 1: two runs into one --out. The second gets one line and exit 2; the folder holds one run.
    [SkippableFact]
    public void Case01_a_second_run_into_a_folder_in_use_is_refused_and_the_first_run_is_intact()
    {
        Skip.IfNot(Child.Posix, "needs POSIX processes");
        using var tmp = new TempFolder();
        var dir = tmp.Sub("cc");
        using (var first = Child.Start([.. Slow(40_000), "--seed", "1", "--checkpoint-every", "100", "--out", dir]))
        {
            Assert.True(first.Await(() => File.Exists(Path.Combine(dir, CheckpointFile.Name))), "the first run ended before its first checkpoint");
            var (code, stderr) = Child.InProcess([.. Slow(300), "--seed", "2", "--out", dir]);
            Assert.Equal(2, code);
            OneLine(stderr, "is in use by another lnsgd process (pid ");
            first.Signal(15);
            Assert.Equal(143, first.Finish());
        }
        Assert.Equal(0, Child.Run(["resume", dir, "--quiet"]).Code);
        Assert.Contains("\"seed\": 1,", File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Equal(0, Child.InProcess("replay", dir, "--check", "--quiet").Code);
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.Name)), "the lock is released at the end");
    }

    [Fact]
    public void Case01_a_stale_lock_left_by_a_dead_process_is_taken_over()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("stale");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FolderLock.Name), "999999999\n");   // no process holds it
        Assert.Equal(0, Child.InProcess(Small(dir)).Code);
        Assert.Equal("finished", Status(dir));
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.Name)));
    }

    [SkippableFact]
    public void Case01_a_second_unsharded_sweep_on_one_folder_is_refused()
    {
        Skip.IfNot(Child.Posix, "needs POSIX processes");
        using var tmp = new TempFolder();
        var spec = tmp.Sub("spec.toml");
        Directory.CreateDirectory(tmp.Path);
        // Long enough that the first sweep cannot finish before the second one looks at the lock (it is killed right after).
        File.WriteAllText(spec, "preset = \"fig2\"\nm = 50\noptimizer = \"gd\"\nn = 3000\nsigma = 1\nsteps = 2000000\nrecord_every = 1000\nseeds = 4\n");
        var dir = tmp.Sub("sweep");
        using var first = Child.Start(["sweep", spec, "--out", dir, "--parallel", "1", "--quiet"]);
        Assert.True(first.Await(() => File.Exists(Path.Combine(dir, FolderLock.Name))), "the first sweep ended before it locked its folder");
        var (code, stderr) = Child.InProcess("sweep", spec, "--out", dir, "--parallel", "1", "--quiet");
        Assert.Equal(2, code);
        OneLine(stderr, "is in use by another lnsgd process");
        first.Signal(9);
        first.Finish();
    }

    // Case 2: a killed `run --force` must not leave the old "finished" manifest over new data.
    [SkippableFact]
    public void Case02_run_force_removes_the_old_manifest_before_writing_anything()
    {
        Skip.IfNot(Child.Posix, "needs POSIX signals");
        using var tmp = new TempFolder();
        var dir = tmp.Sub("forced");
        Assert.Equal(0, Child.InProcess(Small(dir)).Code);
        Assert.Equal("finished", Status(dir));
        using var forced = Child.Start([.. Slow(200_000), "--seed", "7", "--force", "--out", dir]);
        var manifest = Path.Combine(dir, "manifest.json");
        // Once the forced run holds the folder, the old manifest must go before any new file appears.
        Assert.True(forced.Await(() => File.Exists(Path.Combine(dir, FolderLock.Name))), "the forced run ended before it locked the folder");
        Assert.True(forced.Await(() => !File.Exists(manifest), seconds: 20), "the old manifest is still there");
        forced.Signal(9);
        forced.Finish();
        Assert.False(File.Exists(manifest));
    }

    // Case 3: one flipped bit in a checkpoint's W is refused (exit 2), not resumed into another result.
    [Fact]
    public void Case03_a_checkpoint_with_one_flipped_bit_is_refused()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("flip");
        using (var stop = StopSignal.AtStep(100))
            Assert.Equal(143, RunSession.Execute(Shell.Commands.RunCommand.Plan(Small(dir)[1..]), TextWriter.Null, TextWriter.Null, stop, quiet: true));
        var path = Path.Combine(dir, CheckpointFile.Name);
        var bytes = File.ReadAllBytes(path);
        var w = ((NpyArray.Float64)Npz.Parse(bytes)["W"]).Data;
        var pattern = BitConverter.GetBytes(w[3]);
        var at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0);
        bytes[at] ^= 1;   // the lowest bit of W[3]
        File.WriteAllBytes(path, bytes);
        var (code, stderr) = Child.InProcess("resume", dir, "--quiet");
        Assert.Equal(2, code);
        OneLine(stderr, "CRC-32");
    }

    // Case 4: diverging at step 0 records 0 steps completed, and every command reads the folder.
    [Fact]
    public void Case04_divergence_at_step_0_writes_steps_completed_0_and_the_folder_reads_back()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("runs/div0");
        Assert.Equal(3, Child.InProcess("run", "--set", "m=10", "--set", "teacher_norm=1e300", "--no-plots", "--quiet", "--out", dir).Code);
        Assert.Contains("\"steps_completed\": 0,", File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Equal(0, Child.InProcess("replay", dir, "--check", "--quiet").Code);
        var (code, stderr) = Child.InProcess("resume", dir, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("diverged at step 0; nothing to resume", stderr);
        Assert.IsType<Shell.Sweeps.RunFolderState.Complete>(Shell.Sweeps.RunFolderState.Of(dir));
        Assert.Equal(0, Child.InProcess("collect", tmp.Sub("runs"), "--no-plots", "--quiet").Code);
    }

    // Case 5: huge but allowed scales end as a divergence (exit 3) with a manifest, never exit 1.
    [Fact]
    public void Case05_huge_scales_end_as_diverged_with_a_valid_manifest()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("big");
        var (code, stderr) = Child.InProcess("run", "--set", "m=50", "--set", "init_scale_w=1e200", "--no-plots", "--quiet", "--out", dir);
        Assert.True(code == 3, stderr);
        Assert.Equal("diverged", ManifestReader.Read(dir).Status);

        var init = tmp.Sub("init.npz");
        File.WriteAllBytes(init, Npz.ToBytes([("W", NpyArray.Matrix(50, 20, [.. Enumerable.Repeat(1e200, 1000)])), ("a", NpyArray.Vector([.. Enumerable.Repeat(1e200, 50)]))]));
        var fromInit = tmp.Sub("fromInit");
        (code, stderr) = Child.InProcess("run", "--set", "m=50", "--set", "d=20", "--init", init, "--no-plots", "--quiet", "--out", fromInit);
        Assert.True(code == 3, stderr);
        Assert.Equal("diverged", ManifestReader.Read(fromInit).Status);
    }

    // Case 6: a run with a relative --data path is replayed and resumed from another working folder.
    [SkippableFact]
    public void Case06_relative_input_paths_are_recorded_absolute()
    {
        Skip.IfNot(Child.Posix, "needs POSIX processes");
        using var tmp = new TempFolder();
        var work = tmp.Sub("work");
        Directory.CreateDirectory(work);
        var random = new System.Random(3);
        double[] Draw(int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
        File.WriteAllBytes(Path.Combine(work, "data.npz"), Npz.ToBytes([
            ("X", NpyArray.Matrix(30, 5, [.. Draw(150)])), ("X_test", NpyArray.Matrix(10, 5, [.. Draw(50)])), ("theta_star", NpyArray.Vector([.. Draw(5)]))]));
        var (code, stderr) = Child.Run(["run", "--set", "m=50", "--data", "data.npz", "--steps", "200", "--record-every", "20", "--checkpoint-every", "50", "--no-plots", "--quiet", "--out", "r"], cwd: work);
        Assert.True(code == 0, stderr);
        var dir = Path.Combine(work, "r");
        Assert.Equal(Path.Combine(work, "data.npz"), ManifestReader.Read(dir).Inputs.Single().Path);
        Assert.NotEqual(Path.GetFullPath(work), Path.GetFullPath(Environment.CurrentDirectory));
        Assert.Equal(0, Child.InProcess("replay", dir, "--check", "--quiet").Code);
    }

    // Case 7: sizes that cannot fit are refused up front, exit 2, with the estimate and the limit.
    [Theory]
    [InlineData("of memory", "--set", "n=100000000")]
    [InlineData("of memory", "--set", "n_test=100000000")]
    [InlineData("of memory", "--set", "m=22360", "--set", "d=22360")]
    [InlineData("of memory", "--steps", "1000000000", "--record-every", "1")]
    [InlineData("about", "--set", "snapshots=1000000000")]
    [InlineData("would write about", "--set", "m=50", "--steps", "100000", "--record-every", "1", "--max-output", "1M")]
    public void Case07_a_run_that_cannot_fit_is_refused_before_it_starts(string what, params string[] settings)
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("huge");
        var (code, stderr) = Child.InProcess(["run", .. settings, "--quiet", "--out", dir]);
        Assert.Equal(2, code);
        OneLine(stderr, what);
        Assert.Matches(@"about [0-9.]+ [KMGTPE]iB.*(than the|limit of) [0-9.]+ [KMGTPE]iB", stderr);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Case07_max_output_raises_the_output_limit_and_the_estimate_is_an_upper_bound()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("ok");
        var (code, _) = Child.InProcess("run", "--set", "m=50", "--steps", "2000", "--record-every", "1", "--no-plots", "--quiet", "--out", tmp.Sub("no"), "--max-output", "100K");
        Assert.Equal(2, code);
        Assert.Equal(0, Child.InProcess("run", "--set", "m=50", "--steps", "2000", "--record-every", "1", "--quiet", "--out", dir, "--max-output", "100M").Code);
        var written = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
        var config = ManifestReader.Read(dir).Config;
        Assert.InRange(written, 1, ResourceEstimate.Of(config, checkpointed: false, plots: true).OutputBytes);
    }

    [Fact]
    public void Case07_a_tiny_sweep_spec_of_1e8_runs_is_refused_before_it_is_expanded()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        var spec = tmp.Sub("bomb.toml");
        var hundred = string.Join(", ", Enumerable.Range(1, 100));
        File.WriteAllText(spec, $"sigma = [{hundred}]\neta = [{hundred}]\nseed = [{hundred}]\nn = [{hundred}]\n");
        var (code, stderr) = Child.InProcess("sweep", spec, "--dry-run");
        Assert.Equal(2, code);
        OneLine(stderr, "expands to 1E+08 runs, more than the 1000000");
    }

    [Fact]
    public void Case07_a_gzip_or_deflate_bomb_stops_at_the_size_its_header_declares()
    {
        // IDX: the header declares 10 labels; the gzip stream inflates to 64 MiB.
        var bomb = Gzip.Wrap([.. Idx.Encode([10], new byte[10]), .. new byte[64 << 20]]);
        var e = Assert.Throws<DatasetFormatException>(() => Idx.Parse(bomb, 1, "labels"));
        Assert.Contains("inflates past the 18 bytes its header declares", e.Message);

        // .npz: a deflated entry of 8 MiB whose zip headers are edited to declare 200 bytes.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("W.npy", CompressionLevel.Optimal);
            using var s = entry.Open();
            Npy.Write(s, NpyArray.Vector([.. new double[1 << 20]]));
        }
        var bytes = buffer.ToArray();
        var declared = (uint)(Npy.ToBytes(NpyArray.Vector([.. new double[1 << 20]])).Length);
        var patched = 0;
        for (var k = 0; k + 4 <= bytes.Length; k++)
            if (BitConverter.ToUInt32(bytes, k) == declared) { BitConverter.TryWriteBytes(bytes.AsSpan(k, 4), 200u); patched++; }
        Assert.Equal(2, patched);   // the local header and the central directory
        Assert.Throws<NpyFormatException>(() => Npz.Parse(bytes));
    }

    // Case 8: SIGTERM while the final files and figures are written stops within that phase, resumably.
    [SkippableFact]
    public void Case08_sigterm_during_the_final_writes_exits_143_and_resume_completes_the_run()
    {
        Skip.IfNot(Child.Posix, "needs POSIX signals");
        using var tmp = new TempFolder();
        string[] args = ["run", "fig2", "--set", "m=50", "--set", "optimizer=gd", "--set", "n=3000", "--set", "sigma=1",
                         "--steps", "300", "--record-every", "1", "--set", "snapshots=300", "--quiet"];
        for (var attempt = 0; ; attempt++)
        {
            var dir = tmp.Sub($"final-{attempt}");
            int code;
            using (var run = Child.Start([.. args, "--out", dir]))
            {
                // metrics.csv is the first file of the final phase; the figures come after it.
                if (!run.Await(() => File.Exists(Path.Combine(dir, "metrics.csv"))) || !run.Signal(15)) { Assert.True(attempt < 3, "never caught the final phase"); run.Finish(); continue; }
                code = run.Finish();
            }
            if (code == 0 && attempt < 3) continue;   // the signal came after the final manifest
            Assert.Equal(143, code);
            Assert.Equal("interrupted", Status(dir));
            Assert.Equal(300, ResumeCommand.Plan(dir).From!.State.Step);
            Assert.Equal(0, Child.Run(["resume", dir, "--quiet"]).Code);
            var whole = tmp.Sub("whole");
            Assert.Equal(0, Child.Run([.. args, "--out", whole]).Code);
            Assert.Null(BitEquality.FolderDifference(dir, whole, raw: true));
            return;
        }
    }

    [Fact]
    public void Case08_a_stop_request_in_the_final_phase_leaves_a_checkpoint_of_the_last_step()
    {
        using var tmp = new TempFolder();
        var (dir, whole) = (tmp.Sub("stopped"), tmp.Sub("whole"));
        using (var stop = StopSignal.AtStep(200))   // asked only once every step is taken: the final writes
            Assert.Equal(143, RunSession.Execute(Shell.Commands.RunCommand.Plan(Small(dir)[1..]), TextWriter.Null, TextWriter.Null, stop, quiet: true));
        Assert.Equal("interrupted", Status(dir));
        Assert.Equal(0, Child.InProcess("resume", dir, "--quiet").Code);
        Assert.Equal(0, Child.InProcess(Small(whole)).Code);
        Assert.Null(BitEquality.FolderDifference(dir, whole));
    }

    // Case 9: a key given twice in a config file or a sweep spec: exit 2 naming the key and both lines.
    [Theory]
    [InlineData("run", "sigma = 1\nsteps = 10\nsigma = 2\n", "key 'sigma' appears twice (lines 1 and 3)")]
    [InlineData("sweep", "eta = [0.001, 0.002]\nsigma = 1\neta = 0.003\n", "key 'eta' appears twice (lines 1 and 3)")]
    [InlineData("sweep", "[[cases]]\nsigma = 1\n\"sigma\" = 2\n", "key 'sigma' appears twice (lines 2 and 3)")]
    public void Case09_a_duplicate_toml_key_is_refused_with_both_lines(string command, string text, string message)
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        var file = tmp.Sub("dup.toml");
        File.WriteAllText(file, text);
        var (code, stderr) = command == "run"
            ? Child.InProcess("run", "--config", file, "--quiet", "--out", tmp.Sub("out"))
            : Child.InProcess("sweep", file, "--dry-run");
        Assert.Equal(2, code);
        OneLine(stderr, message);
    }

    // Case 10: devices, FIFOs and folders where a file is expected: refused or skipped, never a hang or OOM.
    [SkippableFact]
    public void Case10_hostile_files_are_refused_and_a_bad_folder_is_skipped()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs /dev/zero and mkfifo");
        using var tmp = new TempFolder();
        var root = tmp.Sub("runs");
        var good = Path.Combine(root, "good");
        Assert.Equal(0, Child.InProcess(Small(good)).Code);
        var fifoRun = Path.Combine(root, "fifo");
        var zeroRun = Path.Combine(root, "zero");
        using (var stop = StopSignal.AtStep(100))
            Assert.Equal(143, RunSession.Execute(Shell.Commands.RunCommand.Plan(Small(zeroRun)[1..]), TextWriter.Null, TextWriter.Null, stop, quiet: true));
        Directory.CreateDirectory(fifoRun);
        Assert.Equal(0, System.Diagnostics.Process.Start("mkfifo", [Path.Combine(fifoRun, "manifest.json")])!.WaitForExitAsync().Wait(10_000) ? 0 : 1);
        File.Delete(Path.Combine(zeroRun, CheckpointFile.Name));
        File.CreateSymbolicLink(Path.Combine(zeroRun, CheckpointFile.Name), "/dev/zero");

        var (code, stderr) = Child.Run(["resume", zeroRun, "--quiet"], seconds: 60);
        Assert.Equal(2, code);
        OneLine(stderr, "is not a regular file");
        (code, stderr) = Child.Run(["resume", fifoRun, "--quiet"], seconds: 60);
        Assert.Equal(2, code);
        OneLine(stderr, "is not a regular file");
        (code, stderr) = Child.Run(["run", "--config", "/dev/zero", "--out", tmp.Sub("x")], seconds: 60);
        Assert.Equal(2, code);
        OneLine(stderr, "is not a regular file");
        File.Delete(Path.Combine(zeroRun, "manifest.json"));
        File.CreateSymbolicLink(Path.Combine(zeroRun, "manifest.json"), "/dev/zero");
        using var child = Child.Start(["collect", root, "--no-plots"]);
        Assert.Equal(0, child.Finish(60));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(root, "sweep.csv")).Length);   // header and the good run
    }

    // Case 11: only the tool's own temporaries are swept; a user's notes.tmp-99999 stays.
    [Fact]
    public void Case11_resume_and_force_leave_user_files_named_like_temporaries()
    {
        using var tmp = new TempFolder();
        var dir = tmp.Sub("notes");
        using (var stop = StopSignal.AtStep(100))
            Assert.Equal(143, RunSession.Execute(Shell.Commands.RunCommand.Plan(Small(dir)[1..]), TextWriter.Null, TextWriter.Null, stop, quiet: true));
        foreach (var name in new[] { "notes.tmp-99999", "Data.CSV.tmp-99998", "metrics.csv.tmp-99997" })
            File.WriteAllText(Path.Combine(dir, name), "mine");
        Assert.Equal(0, Child.InProcess("resume", dir, "--quiet").Code);
        Assert.True(File.Exists(Path.Combine(dir, "notes.tmp-99999")));
        Assert.True(File.Exists(Path.Combine(dir, "Data.CSV.tmp-99998")));
        Assert.False(File.Exists(Path.Combine(dir, "metrics.csv.tmp-99997")), "the tool's own leftover is swept");
        Assert.Equal(0, Child.InProcess(Small(dir, "--force")).Code);
        Assert.True(File.Exists(Path.Combine(dir, "notes.tmp-99999")));
    }

    // Case 12: a diverged run's last good checkpoint starts a new run (here with a smaller η).
    [Fact]
    public void Case12_init_from_a_diverged_runs_gram_checkpoint_continues_its_network()
    {
        using var tmp = new TempFolder();
        var diverged = tmp.Sub("diverged");
        var (code, _) = Child.InProcess("run", "fig2", "--set", "m=50", "--set", "eta=0.02", "--steps", "3000", "--checkpoint-every", "5", "--no-plots", "--quiet", "--out", diverged);
        Assert.Equal(3, code);
        var checkpoint = Path.Combine(diverged, CheckpointFile.Name);
        Assert.Equal("gram", ManifestReader.Read(diverged).Engine);
        var state = CheckpointFile.ParseLayout(File.ReadAllBytes(checkpoint), checkpoint).State;
        Assert.Equal(21, state.Rows);   // the engine's internal (d+1)-row factor, not W

        var branch = tmp.Sub("branch");
        var stderr = "";
        (code, stderr) = Child.InProcess("run", "fig2", "--set", "m=50", "--set", "eta=1e-7", "--steps", "50", "--record-every", "10", "--init", checkpoint, "--no-plots", "--quiet", "--out", branch);
        Assert.True(code == 0, stderr);
        // Its first record is the checkpoint's network: the same mean ‖w_i‖² as resume would rebuild.
        var recorded = ManifestReader.Read(diverged);
        var (spec, engine, _) = RecordedSpec.Resolve(recorded, Path.Combine(diverged, "manifest.json"));
        var net = Core.Engines.Stepper.Resume(spec, state).Current();
        var first = File.ReadAllLines(Path.Combine(branch, "metrics.csv"))[1].Split(',');
        var meanWSq = net.W.Select(v => v * v).Sum() / net.M;
        Assert.Equal(meanWSq, double.Parse(first[5], System.Globalization.CultureInfo.InvariantCulture), 1e-9 * meanWSq);
        Assert.Equal(0, Child.InProcess("replay", branch, "--check", "--quiet").Code);
    }

    // Case 13: a missing config file is "not found"; a folder is "a folder".
    [Fact]
    public void Case13_a_missing_config_file_is_not_found()
    {
        using var tmp = new TempFolder();
        var (code, stderr) = Child.InProcess("run", "--config", tmp.Sub("missing.toml"), "--quiet");
        Assert.Equal(2, code);
        OneLine(stderr, "missing.toml' not found");
        Directory.CreateDirectory(tmp.Sub("folder.toml"));
        (code, stderr) = Child.InProcess("run", "--config", tmp.Sub("folder.toml"), "--quiet");
        Assert.Equal(2, code);
        OneLine(stderr, "is a folder, not a file");
    }

    // Case 14: past `ulimit -f` the write fails with one line and exit 4, not a silent SIGXFSZ death.
    [SkippableFact]
    public void Case14_the_file_size_limit_is_a_write_failure_with_exit_4()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs ulimit -f and SIGXFSZ");
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        // The runtime's W^X double mapping needs file space of its own under a small limit.
        using var child = Child.StartUnder("ulimit -f 200", ["run", "--set", "m=50", "--steps", "3000", "--record-every", "1", "--no-plots", "--quiet", "--out", tmp.Sub("big")],
            new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" });
        Assert.Equal(4, child.Finish());
        OneLine(child.Stderr + "\n", "file-size limit");
    }
}
