using System.Collections.Concurrent;

namespace Lnsgd.Shell.Verification;

/// <summary>
/// Independent pieces of work spread over the cores longest first (each free worker takes the
/// next piece), which keeps the last core from finishing long after the first. Each piece's
/// result goes to its own slot, so the results do not depend on the order the pieces finish in.
/// </summary>
public static class WorkList
{
    /// <summary>Runs <paramref name="work"/> on up to <paramref name="parallel"/> threads; returns the results in the input order.</summary>
    public static T[] Run<T>(IReadOnlyList<(double Cost, Func<T> Work)> work, int parallel)
    {
        var results = new T[work.Count];
        var order = Enumerable.Range(0, work.Count).OrderByDescending(i => work[i].Cost).ToList();
        // No buffering: a worker takes one piece at a time, in the order above.
        var pieces = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(pieces, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i => results[i] = work[i].Work());
        return results;
    }
}
