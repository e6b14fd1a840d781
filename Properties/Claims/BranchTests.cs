using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties.Claims;

/// <summary><c>run --from RUNDIR[@STEP]</c>: the branch starts from the parent's state, records it, and replays.</summary>
public class BranchTests
{
    private static int Lnsgd(params string[] args) => Program.Dispatch(args, new StringWriter(), new StringWriter());

    [Fact]
    public void A_branch_starts_from_the_parents_state_at_the_step_records_its_hash_and_replays_bit_for_bit()
    {
        var root = Path.Combine(Path.GetTempPath(), "lnsgd-branch-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (parent, child) = (Path.Combine(root, "parent"), Path.Combine(root, "child"));
            Assert.Equal(0, Lnsgd("run", "--set", "m=12", "--set", "d=3", "--set", "n=10", "--steps", "300", "--record-every", "100", "--seed", "7", "--out", parent, "--no-plots", "--quiet"));
            Assert.Equal(0, Lnsgd("run", "--from", $"{parent}@200", "--set", "sigma=0", "--steps", "50", "--out", child, "--no-plots", "--quiet"));
            // The same state the pure route gives: the parent's spec run to step 200.
            var spec = RunSpec.Resolve(new RunConfig { M = 12, D = 3, N = 10, Steps = 300, RecordEvery = 100, Seed = 7 });
            var state = Branch.StateAt(spec, EngineChoice.Resolve(spec.Config, spec.Optimiser).ValueOrThrow(), 200)!;
            var manifest = File.ReadAllText(Path.Combine(child, "manifest.json"));
            Assert.Contains($"\"sha256\": \"{Branch.Hash(state)}\"", manifest);
            Assert.Contains($"@200", manifest);
            var firstRow = File.ReadLines(Path.Combine(child, "metrics.csv")).Skip(1).First().Split(',');
            var expected = Core.Measures.Metrics.Row(0, spec.Problem, state, state);
            Assert.Equal(expected.MeanWSq, double.Parse(firstRow[Core.Measures.MetricRow.Columns.IndexOf("mean_w_sq")], System.Globalization.CultureInfo.InvariantCulture), 12);
            Assert.Equal(0, Lnsgd("replay", child, "--check"));
            // A branch cannot change the sizes its state fixes.
            Assert.Equal(2, Lnsgd("run", "--from", parent, "--set", "m=5", "--out", Path.Combine(root, "bad"), "--quiet"));
            Assert.Equal(2, Lnsgd("run", "--from", $"{parent}@301", "--out", Path.Combine(root, "bad"), "--quiet"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
