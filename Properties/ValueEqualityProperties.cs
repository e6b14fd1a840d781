using System.Collections.Immutable;
using FsCheck.Xunit;
using Lnsgd.Core.Engines;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Training;
using Lnsgd.Properties.Reliability;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Records that hold arrays are values: equal contents are equal (with equal hashes) whatever
/// buffers hold them, and one changed element makes them differ.
/// </summary>
public class ValueEqualityProperties
{
    private static ImmutableArray<double> Copy(ImmutableArray<double> a) => [.. a];

    // The array with element i moved to the next double up (or changed from NaN): the smallest change there is.
    private static ImmutableArray<double> Nudge(ImmutableArray<double> a, int i)
    {
        var b = a.ToArray();
        var k = i % b.Length;
        b[k] = double.IsNaN(b[k]) ? 0.0 : Math.BitIncrement(b[k]);
        return [.. b];
    }

    private static bool Same<T>(T a, T b) where T : class =>
        a.Equals(b) && b.Equals(a) && a.GetHashCode() == b.GetHashCode() && EqualityComparer<T>.Default.Equals(a, b);

    [Property(MaxTest = 60)]
    public bool Equal_contents_in_other_buffers_are_equal_and_one_ulp_is_not(int raw, ulong seed, bool gram, int pick)
    {
        var (spec, engine) = CheckpointProperties.Case(raw, seed, gram, steps: 20);
        var again = RunSpec.Resolve(spec.Config);
        var net = spec.Initial;
        var copy = net with { W = Copy(net.W), A = Copy(net.A) };
        var i = (int)((uint)pick % (uint)net.W.Length);
        var state = Simulation.Run(spec, engine, new RunControl { StopBefore = t => t == 10 }).OfType<RunEvent.Stopped>().Single().Value;
        var loaded = CheckpointArrays.Read(Npz.Parse(Npz.ToBytes(CheckpointArrays.Of(state)))).Checkpoint!;
        var shot = state.Snapshots[0];
        return Same(copy, net) && copy != net with { W = Nudge(net.W, i) } && copy != net with { A = Nudge(net.A, i) }
            && Same(again, spec) && Same(again.Problem, spec.Problem) && again.Problem != spec.Problem with { X = Nudge(spec.Problem.X, i) }
            && !ReferenceEquals(loaded, state) && Same(loaded, state) && Same(loaded.State, state.State)
            && loaded.State != state.State with { Theta = Nudge(state.State.Theta, i) }
            && loaded != state with { State = state.State with { W = Nudge(state.State.W, i) } }
            && Same(shot with { WSq = Copy(shot.WSq), Align = Copy(shot.Align) }, shot) && shot != shot with { Align = Nudge(shot.Align, i) }
            && loaded != state with { Snapshots = [shot with { WSq = Nudge(shot.WSq, i) }, .. state.Snapshots.Skip(1)] }
            && Same(Simulation.Collect(spec, engine), Simulation.Collect(again, engine));
    }

    [Property]
    public bool Piecewise_schedules_with_the_same_points_are_equal(long[] starts, double factor)
    {
        ImmutableArray<(long, double)> points = [.. starts.Distinct().Order().Select(s => (s, factor))];
        var a = new NoiseSchedule.Piecewise(points);
        var b = new NoiseSchedule.Piecewise([.. points]);
        var changed = points.IsEmpty ? [(0L, 1.0)] : points.SetItem(0, (points[0].Item1, factor.Equals(1.0) ? 2.0 : 1.0));
        return Same(a, b) && a != new NoiseSchedule.Piecewise(changed) && (NoiseSchedule)a != new NoiseSchedule.Constant();
    }

    [Fact]
    public void Equality_follows_the_records_own_rule_for_doubles()
    {
        // As for a record's double fields: NaN equals NaN and 0 equals −0.
        var a = Lnsgd.Core.Networks.Network.Own(1, 2, [double.NaN, 0.0], [1.0]);
        var b = Lnsgd.Core.Networks.Network.Own(1, 2, [double.NaN, -0.0], [1.0]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Lnsgd.Core.Networks.Network.Own(1, 2, [double.NaN, 0.0], [2.0]));
        Assert.NotEqual(a, Lnsgd.Core.Networks.Network.Own(2, 1, [double.NaN, 0.0], [1.0, 1.0]));
    }
}
