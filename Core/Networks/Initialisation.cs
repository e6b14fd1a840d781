using Lnsgd.Core.Random;

namespace Lnsgd.Core.Networks;

/// <summary>The paper's "NTK initialisation" (Eq. 5): W_ij ~ N(0,1)/√d, a_i ~ N(0,1)/√m.</summary>
public static class Initialisation
{
    /// <summary>
    /// Draws W(0) and a(0) from <paramref name="seed"/>; <paramref name="scaleW"/> and
    /// <paramref name="scaleA"/> multiply the paper's standard deviations (1 reproduces Eq. 5).
    /// </summary>
    public static Network Ntk(int m, int d, ulong seed, double scaleW = 1.0, double scaleA = 1.0)
    {
        var wKey = new RngKey(seed, Purpose.InitW);
        var aKey = new RngKey(seed, Purpose.InitA);
        var w = new double[m * d];
        var a = new double[m];
        var sw = scaleW / Math.Sqrt(d);
        var sa = scaleA / Math.Sqrt(m);
        void Rows(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                for (var j = 0; j < d; j++) w[i * d + j] = sw * wKey.Normal(i, j);
                a[i] = sa * aKey.Normal(i, 0);
            }
        }
        // Every entry is its own counter-based draw, so splitting the rows over threads gives the
        // same bytes; only wide networks (a second or more of draws at m = 10⁶) are worth it.
        const int block = 65_536;
        if ((long)m * d < 4_000_000) Rows(0, m);
        else Parallel.For(0, (m + block - 1) / block, b => Rows(b * block, Math.Min(m, (b + 1) * block)));
        return Network.Own(m, d, w, a);
    }
}
