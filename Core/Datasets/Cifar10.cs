using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lnsgd.Core.Datasets;

/// <summary>
/// The CIFAR-10 binary version: each record is one label byte (0–9) then 3,072 pixel bytes, the
/// red, green and blue 32×32 planes in turn. A batch file is a whole number of records (10,000 in
/// the official files); the training set is data_batch_1…5.bin, the test set test_batch.bin.
/// </summary>
public static class Cifar10
{
    /// <summary>Bytes per record: 1 label + 3 · 32 · 32 pixels.</summary>
    public const int RecordSize = 1 + 3 * 32 * 32;

    /// <summary>The images and labels of one or more batch files, in file order.</summary>
    public static ImageSet Read(IReadOnlyList<(string Name, byte[] Bytes)> files, string what)
    {
        if (files.Count == 0) throw new DatasetFormatException($"{what}: no batch files");
        var count = 0;
        foreach (var (name, bytes) in files)
        {
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
                throw new DatasetFormatException($"{what}: {name} has {bytes.Length} bytes, not a whole number of {RecordSize}-byte records (truncated?)");
            count += bytes.Length / RecordSize;
        }
        var pixels = new byte[(long)count * (RecordSize - 1)];
        var labels = new byte[count];
        var at = 0;
        foreach (var (name, bytes) in files)
            for (var r = 0; r < bytes.Length / RecordSize; r++, at++)
            {
                var label = bytes[r * RecordSize];
                if (label > 9) throw new DatasetFormatException($"{what}: {name} record {r} has label {label}, not a class 0–9 (wrong file?)");
                labels[at] = label;
                bytes.AsSpan(r * RecordSize + 1, RecordSize - 1).CopyTo(pixels.AsSpan(at * (RecordSize - 1)));
            }
        return new ImageSet(count, 32, 32, 3, ImmutableCollectionsMarshal.AsImmutableArray(pixels), ImmutableCollectionsMarshal.AsImmutableArray(labels), 10).Validate(what);
    }

    /// <summary>The batch-file bytes of <paramref name="set"/> (32×32×3 images).</summary>
    public static byte[] Encode(ImageSet set)
    {
        if (set.Size != RecordSize - 1) throw new ArgumentException("CIFAR-10 records hold 32×32×3 images");
        var bytes = new byte[set.Count * RecordSize];
        for (var i = 0; i < set.Count; i++)
        {
            bytes[i * RecordSize] = set.Labels[i];
            set.Pixels.AsSpan(i * set.Size, set.Size).CopyTo(bytes.AsSpan(i * RecordSize + 1));
        }
        return bytes;
    }
}
