namespace Lnsgd.Core.Predictions;

/// <summary>
/// The first step at which a monotone event holds, between a step where it does not and one
/// where it does: bisection on the step count to 0.5 % or one step (docs/prediction.md §7).
/// </summary>
internal static class FirstCrossing
{
    /// <summary>The first step in (lo, hi] where <paramref name="holds"/> is true; holds(hi) must be true.</summary>
    public static long Between(long lo, long hi, Func<long, bool> holds)
    {
        while (hi - lo > Math.Max(1, hi / 200))
        {
            var mid = lo + (hi - lo) / 2;
            if (holds(mid)) hi = mid; else lo = mid;
        }
        return hi;
    }
}
