namespace Lnsgd.Core.Claims;

/// <summary>How a row of the claim table is judged.</summary>
public enum ClaimVerdict
{
    /// <summary>The whole 95 % interval satisfies the threshold.</summary>
    Holds,
    /// <summary>Some of the interval violates it.</summary>
    Fails,
    /// <summary>
    /// Reported next to theory, not a pass/fail claim: an order or a bound with an unknown
    /// constant, a sufficient condition, or a bound that no value of the statistic could violate.
    /// </summary>
    Info,
}
