using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// numpy's <c>.npy</c> format (NEP 1): the magic <c>\x93NUMPY</c>, a version, the header length,
/// the header dict padded with blanks and a final '\n' so the data starts at a multiple of 64,
/// then the raw little-endian elements. Writes version 1.0 byte-identical to <c>np.save</c>;
/// reads versions 1.0 and 2.0 of float64 and int64 arrays of 1 or 2 dimensions.
/// </summary>
public static class Npy
{
    /// <summary>The six bytes every <c>.npy</c> file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private const int Align = 64;
    private const int ElementSize = 8;

    /// <summary>The file's bytes.</summary>
    public static byte[] ToBytes(NpyArray array)
    {
        using var buffer = new MemoryStream();
        Write(buffer, array);
        return buffer.ToArray();
    }

    /// <summary>Writes the file to <paramref name="stream"/>; leaves the stream open.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        stream.Write(HeaderOf(array));
        Span<byte> chunk = stackalloc byte[4096];
        var filled = 0;
        for (var k = 0; k < array.Length; k++)
        {
            var bits = array switch
            {
                NpyArray.Float64 f => BitConverter.DoubleToInt64Bits(f.Data[k]),
                NpyArray.Int64 l => l.Data[k],
                _ => throw new InvalidOperationException($"unknown array kind {array.GetType().Name}"),
            };
            BinaryPrimitives.WriteInt64LittleEndian(chunk[filled..], bits);
            filled += ElementSize;
            if (filled == chunk.Length) { stream.Write(chunk); filled = 0; }
        }
        stream.Write(chunk[..filled]);
    }

    /// <summary>Magic, version 1.0, header length and padded header: every byte before the data.</summary>
    public static byte[] HeaderOf(NpyArray array)
    {
        var text = new NpyHeader(array.Descr, false, [.. array.Shape.Select(s => (long)s)]).Text();
        const int preamble = 10; // magic, two version bytes, uint16 header length
        // As numpy's _wrap_header: a full block of padding when the text happens to end aligned.
        var pad = Align - (preamble + text.Length + 1) % Align;
        var header = text + new string(' ', pad) + "\n";
        var bytes = new byte[preamble + header.Length];
        Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)header.Length));
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(preamble));
        return bytes;
    }

    /// <summary>Reads a whole <c>.npy</c> file from <paramref name="stream"/> (to its end).</summary>
    public static NpyArray Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>
    /// Parses a complete <c>.npy</c> file. Checks magic, version, header syntax, dtype, order,
    /// dimensions and that the data is exactly as long as the shape says; any failure throws
    /// <see cref="NpyFormatException"/>. A Fortran-ordered 2-D array is returned in C order.
    /// </summary>
    public static NpyArray Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < Magic.Length || !file[..Magic.Length].SequenceEqual(Magic))
            throw new NpyFormatException("not a .npy file: it does not start with the \\x93NUMPY magic");
        if (file.Length < 8) throw new NpyFormatException("truncated .npy file: the version bytes are missing");
        var (major, minor) = (file[6], file[7]);
        if (major is not (1 or 2) || minor != 0)
            throw new NpyFormatException($"unsupported .npy version {major}.{minor} (supported: 1.0, 2.0)");
        var lengthSize = major == 1 ? 2 : 4;
        if (file.Length < 8 + lengthSize) throw new NpyFormatException("truncated .npy file: the header length is missing");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(file[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
        var start = 8 + lengthSize;
        if (file.Length - start < headerLength)
            throw new NpyFormatException($"truncated .npy file: the header declares {headerLength} bytes but {file.Length - start} remain");
        var header = NpyHeader.Parse(file.Slice(start, (int)headerLength));
        return Decode(header, file[(start + (int)headerLength)..]);
    }

    private static NpyArray Decode(NpyHeader header, ReadOnlySpan<byte> data)
    {
        var shape = header.Shape;
        var shown = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        if (shape.Length is not (1 or 2))
            throw new NpyFormatException($"unsupported .npy shape {shown}: only 1 or 2 dimensions are read");
        if (header.Descr is not ("<f8" or "<i8"))
            throw new NpyFormatException($"unsupported .npy dtype '{header.Descr}' (supported: '<f8' float64, '<i8' int64)");
        var count = shape.Aggregate(1L, (p, s) => p * s); // each dimension is at most int.MaxValue, so no overflow
        if (count > Array.MaxLength / ElementSize)
            throw new NpyFormatException($".npy shape {shown} is too large to read ({count} elements)");
        if (data.Length != count * ElementSize)
            throw new NpyFormatException($"{(data.Length < count * ElementSize ? "truncated" : "overlong")} .npy data: shape {shown} of '{header.Descr}' needs {count * ElementSize} bytes, found {data.Length}");
        ImmutableArray<int> dims = [.. shape.Select(s => (int)s)];
        // Fortran order stores column j contiguously; element (i, j) sits at j·rows + i.
        var (rows, cols) = shape.Length == 2 ? (dims[0], dims[1]) : (dims[0], 1);
        int Source(int k) => header.FortranOrder ? (k % cols) * rows + k / cols : k;
        var n = (int)count;
        if (header.Descr == "<f8")
        {
            var values = new double[n];
            for (var k = 0; k < n; k++) values[k] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(data[(Source(k) * ElementSize)..]));
            return new NpyArray.Float64(dims, NpyArray.Own(values));
        }
        var longs = new long[n];
        for (var k = 0; k < n; k++) longs[k] = BinaryPrimitives.ReadInt64LittleEndian(data[(Source(k) * ElementSize)..]);
        return new NpyArray.Int64(dims, NpyArray.Own(longs));
    }
}
