using System.Diagnostics;
using System.Runtime.InteropServices;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Runs;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// The program as users run it, in child processes: SIGTERM mid-run stops it with exit 143 and a
/// valid checkpoint, <c>lnsgd resume</c> completes it, and the folder equals an uninterrupted
/// run's byte for byte (figures included); kill -9 at arbitrary moments never leaves a partial
/// file under its final name, and resuming after it still ends with the same bytes.
/// </summary>
public class SignalEndToEndTests
{
    // Full-batch GD on n = 3,000 samples: a fraction of a millisecond a step, slow enough to signal mid-run at m = 50.
    private static string[] Slow(long steps) =>
        ["run", "fig2", "--set", "m=50", "--set", "optimizer=gd", "--set", "n=3000", "--set", "sigma=1",
         "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--record-every", "100", "--quiet"];

    // What the children wrote to stderr, for failure messages.
    private static readonly List<string> Errors = [];

    private static string Lnsgd => Path.Combine(AppContext.BaseDirectory, "lnsgd.dll");

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Lnsgd, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (Errors) Errors.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int Finish(Process process, int seconds = 120)
    {
        if (!process.WaitForExit(seconds * 1000)) { process.Kill(); throw new TimeoutException("lnsgd did not finish"); }
        process.WaitForExit();
        return process.ExitCode;
    }

    private static int RunToEnd(params string[] args)
    {
        using var process = Start(args);
        return Finish(process);
    }

    // Polls until the run has written its first checkpoint, i.e. it is really mid-run; false if it ended first.
    private static bool AwaitCheckpoint(Process process, string dir)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(dir, CheckpointFile.Name)))
        {
            if (process.HasExited) return false;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("no checkpoint within 60 s");
            Thread.Sleep(5);
        }
        return true;
    }

    [Fact]
    public void Sigterm_mid_run_exits_143_with_a_checkpoint_and_resume_completes_the_uninterrupted_run()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;   // POSIX signals only
        using var tmp = new TempFolder();
        // On a starved machine the run may end before the signal lands: then try a four times longer one.
        for (var steps = 1500L; ; steps *= 4)
        {
            var (stopped, whole) = (tmp.Sub($"stopped-{steps}"), tmp.Sub($"whole-{steps}"));
            int code;
            using (var run = Start([.. Slow(steps), "--checkpoint-every", "100", "--out", stopped]))
            {
                if (!AwaitCheckpoint(run, stopped) || Kill(run.Id, 15) != 0) { Assert.True(steps < 100_000, "never caught the run mid-way"); Finish(run); continue; }
                code = Finish(run);
            }
            if (code == 0 && steps < 100_000) continue;   // the signal came after the last step: the run finished normally
            Assert.Equal(StopSignal.TerminateExit, code);
            var manifest = File.ReadAllText(Path.Combine(stopped, "manifest.json"));
            Assert.Contains("\"status\": \"interrupted\"", manifest);
            var plan = ResumeCommand.Plan(stopped);   // reads and checks manifest and checkpoint
            var step = plan.From!.State.Step;
            Assert.InRange(step, 100, steps - 1);
            Assert.Contains($"\"steps_completed\": {step},", manifest);
            var rows = File.ReadAllLines(Path.Combine(stopped, "metrics.csv")).Skip(1).Select(l => long.Parse(l.Split(',')[0])).ToList();
            Assert.Equal(Enumerable.Range(0, (int)((step - 1) / 100) + 1).Select(k => 100L * k), rows);
            Assert.Empty(Directory.GetFiles(stopped, "*.tmp-*"));

            Assert.Equal(0, RunToEnd("resume", stopped, "--quiet"));
            Assert.Equal(0, RunToEnd([.. Slow(steps), "--checkpoint-every", "100", "--out", whole]));
            Assert.Null(BitEquality.FolderDifference(stopped, whole, raw: true));
            Assert.False(File.Exists(Path.Combine(stopped, CheckpointFile.Name)));
            return;
        }
    }

    [Fact]
    public void Kill_9_leaves_only_whole_files_under_final_names_and_resume_still_ends_with_the_same_bytes()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        using var tmp = new TempFolder();
        var (killed, whole) = (tmp.Sub("killed"), tmp.Sub("whole"));
        // Checkpoints every 25 steps (a few milliseconds): the kills land during writes, too.
        string[] args = [.. Slow(1500), "--set", "snapshots=40", "--checkpoint-every", "25", "--no-plots"];
        var random = new System.Random(7);
        bool Finished() => File.ReadAllText(Path.Combine(killed, "manifest.json")).Contains("\"status\": \"finished\"", StringComparison.Ordinal);
        for (var round = 0; round < 4; round++)
        {
            using var process = round == 0 ? Start([.. args, "--out", killed]) : Start("resume", killed, "--quiet");
            if (round == 0) Assert.True(AwaitCheckpoint(process, killed), "the run ended before its first checkpoint"); else Thread.Sleep(100);
            Thread.Sleep(random.Next(0, 200));
            // Too late (it finished): then there is nothing left to kill.
            if (process.HasExited || Kill(process.Id, 9) != 0) { process.WaitForExit(); Assert.Equal(0, process.ExitCode); break; }
            process.WaitForExit();
            // Every file under its final name is whole: the manifest and checkpoint load and agree.
            // (and the lock file of the killed process, which the next one takes over).
            foreach (var file in Directory.GetFiles(killed).Where(f => !f.Contains(".tmp-")))
                Assert.Contains(Path.GetFileName(file), new[] { "manifest.json", CheckpointFile.Name, "metrics.csv", "trace.csv", "snapshots.csv", LiveRun.MetricsFile, LiveRun.ProvenanceFile, Shell.Output.FolderLock.Name });
            if (Finished()) break;   // killed after its last manifest: only the checkpoint's removal was cut short
            var plan = ResumeCommand.Plan(killed);   // throws on any damaged manifest or checkpoint
            Assert.Empty(Directory.GetFiles(killed, "*.tmp-*"));   // resume's planning swept the leftovers
            Assert.True(plan.From is null || plan.From.State.Step % 25 == 0);
        }
        if (!Finished()) Assert.Equal(0, RunToEnd("resume", killed, "--quiet"));
        Assert.Equal(0, RunToEnd([.. args, "--out", whole]));
        Assert.Null(BitEquality.FolderDifference(killed, whole, raw: true, CheckpointFile.Name));
        Assert.Equal(0, RunToEnd("replay", killed, "--check", "--quiet"));
    }
}
