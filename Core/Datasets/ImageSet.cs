using System.Collections.Immutable;

namespace Lnsgd.Core.Datasets;

/// <summary>
/// Labelled images as stored: <see cref="Count"/> images of <see cref="Height"/>×<see cref="Width"/>
/// pixels with <see cref="Channels"/> channels, one byte per value, image after image (each image
/// in its file's order: rows for IDX, channel planes for CIFAR-10), and one class per image.
/// </summary>
public sealed record ImageSet(int Count, int Height, int Width, int Channels, ImmutableArray<byte> Pixels, ImmutableArray<byte> Labels, int Classes)
{
    /// <summary>Values per image: height · width · channels.</summary>
    public int Size => Height * Width * Channels;

    /// <summary>Checks that the arrays match the sizes and every label is a class.</summary>
    public ImageSet Validate(string what)
    {
        if (Count < 0 || Height < 1 || Width < 1 || Channels < 1) throw new DatasetFormatException($"{what}: invalid shape {Count}×{Height}×{Width}×{Channels}");
        if (Pixels.Length != (long)Count * Size) throw new DatasetFormatException($"{what}: {Pixels.Length} pixel values for {Count} images of {Size}");
        if (Labels.Length != Count) throw new DatasetFormatException($"{what}: {Labels.Length} labels for {Count} images");
        for (var i = 0; i < Labels.Length; i++)
            if (Labels[i] >= Classes) throw new DatasetFormatException($"{what}: label {Labels[i]} of image {i} is not one of the {Classes} classes");
        return this;
    }
}
