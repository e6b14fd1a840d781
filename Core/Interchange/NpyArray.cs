using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// An array as numpy stores it in a <c>.npy</c> file: 1 or 2 dimensions, C (row-major) order,
/// little-endian float64 or int64. A closed hierarchy. Equality is bitwise: two arrays are
/// equal when they would write the same bytes (so NaN equals a NaN with the same payload).
/// </summary>
public abstract record NpyArray
{
    private NpyArray() { }

    /// <summary>The dimensions, outermost first: (n) or (rows, cols).</summary>
    public abstract ImmutableArray<int> Shape { get; }

    /// <summary>numpy's dtype string: <c>&lt;f8</c> or <c>&lt;i8</c>.</summary>
    public abstract string Descr { get; }

    /// <summary>Number of elements, the product of <see cref="Shape"/>.</summary>
    public int Length => Shape.Aggregate(1, (p, s) => p * s);

    /// <summary>float64 values (numpy <c>&lt;f8</c>).</summary>
    public sealed record Float64 : NpyArray
    {
        /// <summary>An array of <paramref name="shape"/> holding <paramref name="data"/> in C order.</summary>
        public Float64(ImmutableArray<int> shape, ImmutableArray<double> data)
        {
            Shape = CheckShape(shape, data.IsDefault ? -1 : data.Length);
            Data = data;
        }

        /// <inheritdoc />
        public override ImmutableArray<int> Shape { get; }

        /// <summary>The values in C order.</summary>
        public ImmutableArray<double> Data { get; }

        /// <inheritdoc />
        public override string Descr => "<f8";

        /// <summary>Same shape and the same bit pattern in every element.</summary>
        public bool Equals(Float64? other) =>
            other is not null && Shape.SequenceEqual(other.Shape)
            && MemoryMarshal.AsBytes(Data.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other.Data.AsSpan()));

        /// <inheritdoc />
        public override int GetHashCode() => HashOf(Shape, MemoryMarshal.AsBytes(Data.AsSpan()));
    }

    /// <summary>int64 values (numpy <c>&lt;i8</c>).</summary>
    public sealed record Int64 : NpyArray
    {
        /// <summary>An array of <paramref name="shape"/> holding <paramref name="data"/> in C order.</summary>
        public Int64(ImmutableArray<int> shape, ImmutableArray<long> data)
        {
            Shape = CheckShape(shape, data.IsDefault ? -1 : data.Length);
            Data = data;
        }

        /// <inheritdoc />
        public override ImmutableArray<int> Shape { get; }

        /// <summary>The values in C order.</summary>
        public ImmutableArray<long> Data { get; }

        /// <inheritdoc />
        public override string Descr => "<i8";

        /// <summary>Same shape and the same value in every element.</summary>
        public bool Equals(Int64? other) =>
            other is not null && Shape.SequenceEqual(other.Shape) && Data.AsSpan().SequenceEqual(other.Data.AsSpan());

        /// <inheritdoc />
        public override int GetHashCode() => HashOf(Shape, MemoryMarshal.AsBytes(Data.AsSpan()));
    }

    /// <summary>A 1-D float64 array.</summary>
    public static Float64 Vector(ImmutableArray<double> data) => new([data.Length], data);

    /// <summary>A rows×cols float64 array from row-major <paramref name="data"/>.</summary>
    public static Float64 Matrix(int rows, int cols, ImmutableArray<double> data) => new([rows, cols], data);

    /// <summary>A 1-D int64 array.</summary>
    public static Int64 Vector(ImmutableArray<long> data) => new([data.Length], data);

    /// <summary>A rows×cols int64 array from row-major <paramref name="data"/>.</summary>
    public static Int64 Matrix(int rows, int cols, ImmutableArray<long> data) => new([rows, cols], data);

    /// <summary>Wraps a buffer the caller hands over and never touches again.</summary>
    public static ImmutableArray<T> Own<T>(T[] values) => ImmutableCollectionsMarshal.AsImmutableArray(values);

    // Invalid shapes are programming errors (the reader validates before constructing), hence ArgumentException.
    private static ImmutableArray<int> CheckShape(ImmutableArray<int> shape, int length)
    {
        if (shape.IsDefault || shape.Length is < 1 or > 2) throw new ArgumentException("an NpyArray has 1 or 2 dimensions");
        if (length < 0) throw new ArgumentException("an NpyArray needs data");
        long product = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"negative dimension {s}");
            product *= s;
        }
        if (product != length) throw new ArgumentException($"shape ({string.Join(", ", shape)}) needs {product} values, got {length}");
        return shape;
    }

    private static int HashOf(ImmutableArray<int> shape, ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        foreach (var s in shape) hash.Add(s);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
