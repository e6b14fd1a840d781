using System.Diagnostics;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Commands;
using Lnsgd.Shell.Runs;
using Xunit;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// Faults injected into real processes: kill -9 at random moments of a sweep (runs and resumes
/// are killed at random in <see cref="SignalEndToEndTests"/>), and a disk that fills up mid-run
/// (a small tmpfs; skipped, with the reason, where this process may not mount one). After each
/// fault the folders hold only whole files, and finishing the work gives the bytes of a run that
/// met no fault.
/// </summary>
public class FaultInjectionTests
{
    private const string SweepSpec =
        "preset = \"fig2\"\nm = 50\noptimizer = \"gd\"\nn = 3000\nsigma = 1\nsteps = 1500\nrecord_every = 100\nseeds = 5\n";

    [SkippableFact]
    public void Kill_9_at_random_moments_of_a_sweep_then_rerunning_it_gives_the_uninterrupted_table()
    {
        Skip.IfNot(Child.Posix, "needs POSIX signals");
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Path);
        var spec = tmp.Sub("spec.toml");
        File.WriteAllText(spec, SweepSpec);
        var (killed, whole) = (tmp.Sub("killed"), tmp.Sub("whole"));
        var random = new System.Random(11);
        var kills = 0;
        for (var round = 0; round < 4; round++)
        {
            using var sweep = Child.Start(["sweep", spec, "--out", killed, "--parallel", "2", "--quiet"]);
            // Once it works on its runs (its lock is taken), at a random moment within about a run's time.
            if (!sweep.Await(() => File.Exists(Path.Combine(killed, FolderLock.Name)))) { Assert.Equal(0, sweep.Finish()); break; }
            Thread.Sleep(random.Next(0, 1500));
            if (!sweep.Signal(9)) { Assert.Equal(0, sweep.Finish()); break; }
            sweep.Finish();
            kills++;
            // Whatever the moment, every run folder is complete, or is redone by the next sweep: never a mix.
            foreach (var run in Directory.GetDirectories(killed))
                if (File.Exists(Path.Combine(run, "manifest.json")))
                    Assert.IsType<Shell.Sweeps.RunFolderState.Complete>(Shell.Sweeps.RunFolderState.Of(run));
        }
        Assert.True(kills >= 1, "the sweep finished before the first kill");
        Assert.Equal(0, Child.Run(["sweep", spec, "--out", killed, "--quiet"]).Code);
        Assert.Equal(0, Child.Run(["sweep", spec, "--out", whole, "--quiet"]).Code);
        Assert.Equal(0, Child.InProcess("collect", killed, "--no-plots", "--quiet").Code);
        Assert.Equal(0, Child.InProcess("collect", whole, "--no-plots", "--quiet").Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sweep.csv")), File.ReadAllBytes(Path.Combine(killed, "sweep.csv")));
        Assert.Empty(Directory.GetFiles(killed, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(killed, FolderLock.Name, SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void A_full_disk_ends_the_run_with_exit_4_and_resume_after_freeing_space_gives_the_same_bytes()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs a Linux tmpfs");
        using var tmp = new TempFolder();
        var mount = tmp.Sub("disk");
        Directory.CreateDirectory(mount);
        var (mounted, why) = Sh($"mount -t tmpfs -o size=400k lnsgd-test '{mount}'");
        Skip.IfNot(mounted, $"cannot mount a small tmpfs to fill (needs root or CAP_SYS_ADMIN): {why}");
        try
        {
            var dir = Path.Combine(mount, "run");
            string[] args = ["run", "--set", "m=50", "--steps", "3000", "--record-every", "1", "--checkpoint-every", "500", "--no-plots", "--quiet"];
            var (code, stderr) = Child.Run([.. args, "--out", dir]);
            Assert.Equal(4, code);
            Assert.StartsWith("lnsgd: cannot write: ", stderr);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            // What is on the full disk is whole: the manifest reads back and names a loadable checkpoint.
            var plan = ResumeCommand.Plan(dir);
            Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
            Assert.True(plan.From is null || plan.From.State.Step % 500 == 0);
            Assert.True(Sh($"mount -o remount,size=64m '{mount}'").Ok, "cannot grow the tmpfs");
            Assert.Equal(0, Child.Run(["resume", dir, "--quiet"]).Code);
            var whole = tmp.Sub("whole");
            Assert.Equal(0, Child.Run([.. args, "--out", whole]).Code);
            Assert.Null(BitEquality.FolderDifference(dir, whole, raw: true));
        }
        finally { Sh($"umount '{mount}'"); }
    }

    private static (bool Ok, string Output) Sh(string command)
    {
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", command + " 2>&1"]) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode == 0, output.Trim());
    }
}
