namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// A training loss over outputs F and targets Y (both rows×c, row-major). MSE is the authors'
/// notebook's 0.5·mean((f − y)²) over samples and classes; cross-entropy is the mean over
/// samples of −Σ_k y_k log softmax(f)_k (one-hot y gives the usual classification loss).
/// </summary>
public abstract record Loss
{
    private Loss() { }

    /// <summary>0.5·mean over samples and outputs of (f − y)².</summary>
    public sealed record Mse : Loss;
    /// <summary>Mean over samples of −Σ_k y_k log softmax(f)_k.</summary>
    public sealed record CrossEntropy : Loss;

    /// <summary>The name used in configs: mse or cross-entropy.</summary>
    public string Name => this is CrossEntropy ? "cross-entropy" : "mse";

    /// <summary>Every name <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mse", "cross-entropy"];

    /// <summary>The loss named <paramref name="name"/>, or null.</summary>
    public static Loss? Parse(string name) => name switch
    {
        "mse" => new Mse(),
        "cross-entropy" or "ce" => new CrossEntropy(),
        _ => null,
    };

    /// <summary>The loss value.</summary>
    public double Value(ReadOnlySpan<double> f, ReadOnlySpan<double> y, int rows, int c)
    {
        var sum = 0.0;
        if (this is Mse)
        {
            for (var j = 0; j < rows * c; j++) { var r = f[j] - y[j]; sum += r * r; }
            return 0.5 * sum / ((double)rows * c);
        }
        for (var i = 0; i < rows; i++)
        {
            var row = f.Slice(i * c, c);
            var logZ = LogSumExp(row);
            for (var k = 0; k < c; k++) if (y[i * c + k] != 0.0) sum -= y[i * c + k] * (row[k] - logZ);
        }
        return sum / rows;
    }

    /// <summary>∂L/∂F (rows×c).</summary>
    public double[] Gradient(ReadOnlySpan<double> f, ReadOnlySpan<double> y, int rows, int c)
    {
        var g = new double[rows * c];
        if (this is Mse)
        {
            var scale = 1.0 / ((double)rows * c);
            for (var j = 0; j < rows * c; j++) g[j] = scale * (f[j] - y[j]);
            return g;
        }
        for (var i = 0; i < rows; i++)
        {
            var row = f.Slice(i * c, c);
            var logZ = LogSumExp(row);
            var mass = 0.0;
            for (var k = 0; k < c; k++) mass += y[i * c + k];
            for (var k = 0; k < c; k++) g[i * c + k] = (mass * Math.Exp(row[k] - logZ) - y[i * c + k]) / rows;
        }
        return g;
    }

    private static double LogSumExp(ReadOnlySpan<double> row)
    {
        var max = double.NegativeInfinity;
        foreach (var v in row) max = Math.Max(max, v);
        if (double.IsInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in row) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
