using Lnsgd.Core.Networks;
using System.Collections.Immutable;
using Lnsgd.Core.Problems;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// A problem or an initial network taken from named arrays (an <c>.npz</c> a user supplies)
/// instead of drawn from the seed. Validation never throws: it returns the value or one error line.
/// </summary>
public static class RunInputs
{
    /// <summary>
    /// The problem of <c>X</c> (n×d), <c>X_test</c> (n_test×d) and <c>theta_star</c> (d), all
    /// float64 and finite; labels are recomputed as θ⋆ᵀx (a <c>y</c> in the archive is ignored).
    /// </summary>
    public static Result<SyntheticProblem> Problem(IReadOnlyDictionary<string, NpyArray> arrays)
    {
        var (problem, error) = ProblemOrError(arrays);
        return Result.Of(problem!, error);
    }

    private static (SyntheticProblem? Problem, string? Error) ProblemOrError(IReadOnlyDictionary<string, NpyArray> arrays)
    {
        var (x, e1) = Float64(arrays, "X", 2);
        if (x is null) return (null, e1);
        var (xTest, e2) = Float64(arrays, "X_test", 2);
        if (xTest is null) return (null, e2);
        var (theta, e3) = Float64(arrays, "theta_star", 1);
        if (theta is null) return (null, e3);
        var (n, d) = (x.Shape[0], x.Shape[1]);
        if (n < 1 || d < 1) return (null, $"'X' has shape {Show(x.Shape)}: it needs at least one row and one column");
        if (xTest.Shape[0] < 1 || xTest.Shape[1] != d) return (null, $"'X_test' has shape {Show(xTest.Shape)}: it needs at least one row and d = {d} columns like 'X'");
        if (theta.Shape[0] != d) return (null, $"'theta_star' has shape {Show(theta.Shape)}: it needs d = {d} values like the columns of 'X'");
        return (SyntheticProblem.FromData(n, xTest.Shape[0], d, [.. x.Data], [.. xTest.Data], [.. theta.Data]), null);
    }

    /// <summary>The network of <c>W</c> (m×d) and <c>a</c> (m), float64 and finite, shapes as configured.</summary>
    public static Result<Network> Initial(IReadOnlyDictionary<string, NpyArray> arrays, int m, int d)
    {
        var (net, error) = InitialOrError(arrays, m, d);
        return Result.Of(net!, error);
    }

    private static (Network? Net, string? Error) InitialOrError(IReadOnlyDictionary<string, NpyArray> arrays, int m, int d)
    {
        var (w, e1) = Float64(arrays, "W", 2);
        if (w is null) return (null, e1);
        var (a, e2) = Float64(arrays, "a", 1);
        if (a is null) return (null, e2);
        if (w.Shape[0] != m || w.Shape[1] != d) return (null, $"'W' has shape {Show(w.Shape)} but the config needs (m, d) = ({m}, {d})");
        if (a.Shape[0] != m) return (null, $"'a' has shape {Show(a.Shape)} but the config needs (m,) = ({m},)");
        return (Network.Own(m, d, [.. w.Data], [.. a.Data]), null);
    }

    private static (NpyArray.Float64? Array, string? Error) Float64(IReadOnlyDictionary<string, NpyArray> arrays, string name, int rank)
    {
        if (!arrays.TryGetValue(name, out var array))
            return (null, $"array '{name}' is missing (found: {(arrays.Count == 0 ? "none" : string.Join(", ", arrays.Keys.Order(StringComparer.Ordinal)))})");
        if (array is not NpyArray.Float64 f) return (null, $"'{name}' must be float64 ('<f8'), got '{array.Descr}'");
        if (f.Shape.Length != rank) return (null, $"'{name}' must have {rank} dimension{(rank == 1 ? "" : "s")}, got shape {Show(f.Shape)}");
        // A NaN or infinity would poison every step; better to refuse the file than to diverge.
        foreach (var v in f.Data) if (!double.IsFinite(v)) return (null, $"'{name}' contains a non-finite value");
        return (f, null);
    }

    private static string Show(ImmutableArray<int> shape) => shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
