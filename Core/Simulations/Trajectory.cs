using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Lnsgd.Core.Measures;

namespace Lnsgd.Core.Simulations;

/// <summary>Everything a run recorded, gathered from its event stream.</summary>
public sealed record Trajectory(
    ImmutableArray<MetricRow> Rows, ImmutableArray<TracePoint> Trace, ImmutableArray<NeuronSnapshot> Snapshots,
    Network? Final, RunEvent.Diverged? Divergence)
{
    /// <summary>Equal records element by element, equal final network and the same divergence.</summary>
    public bool Equals(Trajectory? other) =>
        other is not null && Elementwise.Equal(Rows, other.Rows) && Elementwise.Equal(Trace, other.Trace)
        && Elementwise.Equal(Snapshots, other.Snapshots) && Final == other.Final && Divergence == other.Divergence;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Elementwise.Hash(Rows), Elementwise.Hash(Trace), Elementwise.Hash(Snapshots), Final, Divergence);

    /// <summary>Folds an event stream into a trajectory.</summary>
    public static Trajectory Of(IEnumerable<RunEvent> events)
    {
        var rows = ImmutableArray.CreateBuilder<MetricRow>();
        var trace = ImmutableArray.CreateBuilder<TracePoint>();
        var snapshots = ImmutableArray.CreateBuilder<NeuronSnapshot>();
        Network? final = null;
        RunEvent.Diverged? divergence = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case RunEvent.Recorded r: rows.Add(r.Row); trace.Add(r.Trace); break;
                case RunEvent.Snapshot s: snapshots.Add(s.Value); break;
                case RunEvent.Finished f: final = f.Final; break;
                case RunEvent.Diverged d: divergence = d; break;
            }
        }
        return new Trajectory(rows.ToImmutable(), trace.ToImmutable(), snapshots.ToImmutable(), final, divergence);
    }

    /// <summary>
    /// SHA-256 (hex) of every recorded number: the metric rows in order, each value as its
    /// IEEE-754 little-endian bytes. Equal hashes mean bit-identical metrics.
    /// </summary>
    public static string Hash(IEnumerable<MetricRow> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[8];
        foreach (var row in rows)
        {
            BitConverter.TryWriteBytes(buffer, row.Step); sha.AppendData(buffer);
            foreach (var v in row.Values()) { BitConverter.TryWriteBytes(buffer, BitConverter.DoubleToInt64Bits(v)); sha.AppendData(buffer); }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
