using System.Collections.Immutable;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Theory;

/// <summary>One assumption of Condition 1 checked against a config: holds, fails, or cannot be decided.</summary>
public sealed record AssumptionCheck(string Name, string Statement, string Measured, bool? Holds);

/// <summary>
/// Condition 1 of the paper (A1–A6) against a concrete problem. Assumptions stated only up to
/// unspecified constants (Ω(·), C) are evaluated with the constant 1 and say so; A2 and A6 name
/// no usable constant and are reported as undecidable.
/// </summary>
public static class Assumptions
{
    /// <summary>A2 read backwards: the largest constant C with η ≤ 1/C^96, i.e. η^(-1/96). Any lower bound on C above it makes A2 fail.</summary>
    public static double LargestConstant(double eta) => Math.Pow(eta, -1.0 / 96);

    /// <summary>The assumptions that are decided and fail (A2, A5, A6 name no usable constant).</summary>
    public static IEnumerable<AssumptionCheck> Failing(IEnumerable<AssumptionCheck> checks) => checks.Where(c => c.Holds == false);

    /// <summary>Every assumption for the given problem, width and step size.</summary>
    public static ImmutableArray<AssumptionCheck> Check(SyntheticProblem p, int m, double eta)
    {
        var teacherNorm = Math.Sqrt(Kernels.SquaredNorm(p.ThetaStar.AsSpan()));
        var maxX = Enumerable.Range(0, p.N).Max(i => Math.Sqrt(Kernels.SquaredNorm(p.Row(i))));
        return
        [
            new("A1", "m = Ω(1/√η) (constant 1)", $"m = {m}, 1/√η = {1 / Math.Sqrt(eta):G4}", m >= 1 / Math.Sqrt(eta)),
            new("A2", "η ≤ 1/C^96", $"η = {eta:G4} allows only C ≤ η^(-1/96) = {LargestConstant(eta):G4}; C is not specified", null),
            new("A3", "n ≥ 1/η²", $"n = {p.N}, 1/η² = {1 / (eta * eta):G4}", p.N >= 1 / (eta * eta)),
            new("A4", "‖θ⋆‖ ≤ m^(-1/4)", $"‖θ⋆‖ = {teacherNorm:G4}, m^(-1/4) = {Math.Pow(m, -0.25):G4}", teacherNorm <= Math.Pow(m, -0.25)),
            new("A5", "max_i ‖x_i‖ ≤ C_data", $"max ‖x_i‖ = {maxX:G4}; C_data is not specified", null),
            new("A6", "a lower bound on d", $"d = {p.D}; the bound is not specified", null),
        ];
    }
}
