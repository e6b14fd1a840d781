using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lnsgd.Core.Datasets;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: bytes 0–1 zero, byte 2 the type (0x08: unsigned
/// byte, the only one these datasets use), byte 3 the number of dimensions, then each dimension as
/// a big-endian int32, then the values. Images are 3-D (count, rows, columns), labels 1-D.
/// Files may be gzipped. Every inconsistency is a <see cref="DatasetFormatException"/>.
/// </summary>
public static class Idx
{
    /// <summary>Magic number of a 3-D unsigned-byte array (images).</summary>
    public const int ImageMagic = 0x0803;
    /// <summary>Magic number of a 1-D unsigned-byte array (labels).</summary>
    public const int LabelMagic = 0x0801;

    /// <summary>The dimensions and values of an IDX unsigned-byte array with <paramref name="dims"/> dimensions.</summary>
    public static (int[] Shape, byte[] Values) Parse(byte[] file, int dims, string what)
    {
        var bytes = Gzip.Unwrap(file, what, 4 + 4 * dims, header => Declared(header, dims));
        if (bytes.Length < 4) throw new DatasetFormatException($"{what}: {bytes.Length} bytes, too short for an IDX header");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new DatasetFormatException($"{what}: not an IDX file (magic {bytes[0]:x2}{bytes[1]:x2}{bytes[2]:x2}{bytes[3]:x2}, expected 0000080{dims})");
        if (bytes[2] != 0x08) throw new DatasetFormatException($"{what}: IDX type 0x{bytes[2]:x2} is not unsigned byte (0x08)");
        if (bytes[3] != dims) throw new DatasetFormatException($"{what}: {bytes[3]} dimensions, expected {dims}");
        var header = 4 + 4 * dims;
        if (bytes.Length < header) throw new DatasetFormatException($"{what}: truncated header ({bytes.Length} bytes, need {header})");
        var shape = new int[dims];
        long count = 1;
        for (var k = 0; k < dims; k++)
        {
            shape[k] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * k, 4));
            if (shape[k] < 0) throw new DatasetFormatException($"{what}: negative dimension {shape[k]}");
            count *= shape[k];
        }
        var available = bytes.Length - header;
        if (available < count) throw new DatasetFormatException($"{what}: truncated: the header promises {count} values, the file holds {available}");
        if (available > count) throw new DatasetFormatException($"{what}: {available - count} bytes after the {count} values the header promises");
        return (shape, bytes[header..]);
    }

    // The file size an IDX header promises (header plus one byte per value); the parse below checks the rest.
    private static long Declared(byte[] header, int dims)
    {
        long count = 1;
        for (var k = 0; k < dims; k++)
        {
            long size = Math.Max(0, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * k, 4)));
            count = size > 0 && count > (long.MaxValue / 2) / size ? long.MaxValue / 2 : count * size;   // saturate, never overflow
        }
        return header.Length + count;
    }

    /// <summary>Images and labels from an IDX image file and an IDX label file, labels checked against <paramref name="classes"/>.</summary>
    public static ImageSet Read(byte[] imageFile, byte[] labelFile, string what, int classes = 10)
    {
        var (shape, pixels) = Parse(imageFile, 3, what + " images");
        var (labelShape, labels) = Parse(labelFile, 1, what + " labels");
        if (labelShape[0] != shape[0]) throw new DatasetFormatException($"{what}: {shape[0]} images but {labelShape[0]} labels");
        if (shape[1] < 1 || shape[2] < 1) throw new DatasetFormatException($"{what} images: empty image shape {shape[1]}×{shape[2]}");
        return new ImageSet(shape[0], shape[1], shape[2], 1,
            ImmutableCollectionsMarshal.AsImmutableArray(pixels), ImmutableCollectionsMarshal.AsImmutableArray(labels), classes).Validate(what);
    }

    /// <summary>The IDX bytes of an unsigned-byte array of the given shape (uncompressed).</summary>
    public static byte[] Encode(int[] shape, ReadOnlySpan<byte> values)
    {
        var bytes = new byte[4 + 4 * shape.Length + values.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (var k = 0; k < shape.Length; k++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * k, 4), shape[k]);
        values.CopyTo(bytes.AsSpan(4 + 4 * shape.Length));
        return bytes;
    }

    /// <summary>The (image file, label file) IDX bytes of <paramref name="set"/> (one channel).</summary>
    public static (byte[] Images, byte[] Labels) Encode(ImageSet set) =>
        (Encode([set.Count, set.Height, set.Width], set.Pixels.AsSpan()), Encode([set.Count], set.Labels.AsSpan()));
}
