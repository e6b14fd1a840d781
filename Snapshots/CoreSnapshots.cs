using Lnsgd.Core.Engines;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>Stable outputs of the core: a short fixed-seed trajectory and the CSV schema.</summary>
public class CoreSnapshots
{
    [Fact]
    public void Fig2_at_width_50_for_200_steps()
    {
        var config = Presets.Find("fig2")!.Config with { M = 50, Steps = 200, RecordEvery = 20, Snapshots = 2 };
        var run = Simulation.Collect(RunSpec.Resolve(config), Engine.Dense);
        Snapshot.Match(new
        {
            rows = run.Rows,
            trace = run.Trace,
            hash = Trajectory.Hash(run.Rows),
            finalA = run.Final!.A.Take(5),
        });
    }

    [Fact]
    public void Metrics_csv_header() => Snapshot.Match(string.Join(',', MetricRow.Columns));
}
