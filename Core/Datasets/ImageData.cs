using Lnsgd.Core.Random;

namespace Lnsgd.Core.Datasets;

/// <summary>A split ready for training: standardised inputs (rows×d), one-hot targets (rows×c) and the class labels.</summary>
public sealed record LabelledSplit(int Rows, int D, int Classes, double[] X, double[] Y, int[] Labels);

/// <summary>
/// From stored images to training inputs: a seeded subset, then global standardisation as in the
/// authors' notebook (one mean and one standard deviation over every pixel of the split).
/// </summary>
public static class ImageData
{
    /// <summary>
    /// The indices of <paramref name="n"/> images out of <paramref name="total"/> (all when n ≤ 0 or
    /// n ≥ total): the n smallest sort keys Uniform(DataSubset, split, i), returned in ascending order.
    /// </summary>
    public static int[] Subset(int total, int n, ulong seed, int split)
    {
        if (n <= 0 || n >= total) return [.. Enumerable.Range(0, total)];
        var key = new RngKey(seed, Purpose.DataSubset);
        var keys = new (ulong Key, int Index)[total];
        for (var i = 0; i < total; i++) keys[i] = (key.Block(split, i).X0, i);
        Array.Sort(keys);
        var chosen = keys[..n].Select(k => k.Index).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>(mean, standard deviation) over every pixel of the chosen images (population std, as jnp.std).</summary>
    public static (double Mean, double Std) Statistics(ImageSet set, IReadOnlyList<int> indices)
    {
        double sum = 0, sumSq = 0;
        var size = set.Size;
        foreach (var i in indices)
            foreach (var v in set.Pixels.AsSpan(i * size, size)) { sum += v; sumSq += (double)v * v; }
        var count = (double)indices.Count * size;
        if (count == 0) return (0, 1);
        var mean = sum / count;
        var variance = Math.Max(0, sumSq / count - mean * mean);
        return (mean, variance > 0 ? Math.Sqrt(variance) : 1.0);
    }

    /// <summary>The chosen images as (pixel − mean)/std with one-hot targets.</summary>
    public static LabelledSplit Prepare(ImageSet set, IReadOnlyList<int> indices, double mean, double std)
    {
        var (rows, d, c) = (indices.Count, set.Size, set.Classes);
        var x = new double[rows * d];
        var y = new double[rows * c];
        var labels = new int[rows];
        var inverse = 1.0 / std;
        for (var r = 0; r < rows; r++)
        {
            var i = indices[r];
            var pixels = set.Pixels.AsSpan(i * d, d);
            for (var j = 0; j < d; j++) x[r * d + j] = (pixels[j] - mean) * inverse;
            labels[r] = set.Labels[i];
            y[r * c + labels[r]] = 1.0;
        }
        return new LabelledSplit(rows, d, c, x, y, labels);
    }
}
