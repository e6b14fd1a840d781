using System.Text;
using Lnsgd.Core.Interchange;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>The exact bytes before the data of a <c>.npy</c> file: a change here breaks numpy compatibility.</summary>
public class NpySnapshots
{
    [Fact]
    public void Header_of_a_2x3_float64_array()
    {
        var header = Npy.HeaderOf(NpyArray.Matrix(2, 3, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]));
        Snapshot.Match(new { header.Length, Escaped = Escape(header), Hex = Convert.ToHexStringLower(header) });
    }

    [Fact]
    public void Header_of_a_1d_int64_array()
    {
        var header = Npy.HeaderOf(NpyArray.Vector([1L, 2L, 3L, 4L, 5L]));
        Snapshot.Match(new { header.Length, Escaped = Escape(header), Hex = Convert.ToHexStringLower(header) });
    }

    // Python's bytes repr style: printable ASCII as is, everything else as \xNN, newline as \n.
    private static string Escape(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
            sb.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        return sb.ToString();
    }
}
