using System.Collections.Immutable;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Interchange;

namespace Lnsgd.Properties;

/// <summary>The .npy and .npz codecs: round trips are the identity; damaged input fails only with NpyFormatException.</summary>
public class NpyProperties
{
    // 1-D lengths 0..20 and 2-D shapes 0..5 × 0..7, empty arrays included.
    private static readonly Gen<ImmutableArray<int>> Shapes = Gen.OneOf(
        Gen.Choose(0, 20).Select(n => ImmutableArray.Create(n)),
        Gen.Choose(0, 5).SelectMany(_ => Gen.Choose(0, 7), (r, c) => ImmutableArray.Create(r, c)));

    private static readonly Gen<long> Bits =
        Gen.ArrayOf(Gen.Choose(0, 0xFFFF), 4).Select(w => (long)((ulong)(uint)w[0] | (ulong)(uint)w[1] << 16 | (ulong)(uint)w[2] << 32 | (ulong)(uint)w[3] << 48));

    private static readonly long[] SpecialDoubles =
    [
        BitConverter.DoubleToInt64Bits(double.NaN), BitConverter.DoubleToInt64Bits(-double.NaN),
        0x7FF0000000000001, // a signalling NaN
        unchecked((long)0xFFF8DEADBEEF0001), // a negative NaN with a payload
        BitConverter.DoubleToInt64Bits(double.PositiveInfinity), BitConverter.DoubleToInt64Bits(double.NegativeInfinity),
        BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(-0.0),
        BitConverter.DoubleToInt64Bits(double.Epsilon), BitConverter.DoubleToInt64Bits(double.MaxValue), BitConverter.DoubleToInt64Bits(double.MinValue),
    ];

    private static readonly Gen<double> Doubles = Gen.Frequency(
        (3, Bits.Select(BitConverter.Int64BitsToDouble)),
        (2, Gen.Elements(SpecialDoubles).Select(BitConverter.Int64BitsToDouble)),
        (2, Gen.Choose(-1000, 1000).Select(k => k / 8.0)));

    private static readonly Gen<long> Longs = Gen.Frequency(
        (3, Bits),
        (2, Gen.Elements(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L, -1L, 1L)));

    private static readonly Gen<NpyArray> Arrays = Shapes.SelectMany(shape => Gen.OneOf(
        Gen.ArrayOf(Doubles, shape.Aggregate(1, (p, s) => p * s)).Select(v => (NpyArray)new NpyArray.Float64(shape, [.. v])),
        Gen.ArrayOf(Longs, shape.Aggregate(1, (p, s) => p * s)).Select(v => (NpyArray)new NpyArray.Int64(shape, [.. v]))));

    private static readonly Gen<ImmutableArray<(string Name, NpyArray Array)>> Archives =
        Gen.Choose(0, 4).SelectMany(k => Gen.ArrayOf(Arrays, k), (_, arrays) => arrays.Select((a, i) => ($"a{i}", a)).ToImmutableArray());

    [Property]
    public Property Write_then_parse_is_the_identity_bit_for_bit() =>
        Prop.ForAll(Arrays.ToArbitrary(), array => Npy.Parse(Npy.ToBytes(array)).Equals(array));

    [Property]
    public Property Write_then_read_through_a_stream_is_the_identity() =>
        Prop.ForAll(Arrays.ToArbitrary(), array =>
        {
            using var stream = new MemoryStream();
            Npy.Write(stream, array);
            stream.Position = 0;
            return Npy.Read(stream).Equals(array);
        });

    [Property]
    public Property The_data_starts_at_a_multiple_of_64_after_a_newline() =>
        Prop.ForAll(Arrays.ToArbitrary(), array =>
        {
            var header = Npy.HeaderOf(array);
            var bytes = Npy.ToBytes(array);
            return header.Length % 64 == 0 && header[^1] == (byte)'\n'
                && bytes.Length == header.Length + 8 * array.Length && bytes.AsSpan(0, header.Length).SequenceEqual(header);
        });

    [Property]
    public Property Every_strict_prefix_throws_NpyFormatException() =>
        Prop.ForAll(Arrays.ToArbitrary(), array =>
        {
            var bytes = Npy.ToBytes(array);
            for (var length = 0; length < bytes.Length; length++)
                if (!ThrowsFormat(() => Npy.Parse(bytes.AsSpan(0, length)))) return false;
            return true;
        });

    private const string GrammarCharacters = "(),:'\"{} 0123456789TF\n<>if";

    [Property]
    public Property A_single_byte_change_in_the_header_parses_or_throws_NpyFormatException() =>
        Prop.ForAll(Arrays.ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, 255), 128).ToArbitrary(), (array, replacements) =>
        {
            var bytes = Npy.ToBytes(array);
            var headerLength = Npy.HeaderOf(array).Length;
            for (var at = 0; at < headerLength; at++)
            {
                var mutated = (byte[])bytes.Clone();
                // Half the positions get a random byte, half a character the header grammar cares about.
                var pick = replacements[at % replacements.Length];
                mutated[at] = at % 2 == 0 ? (byte)pick : (byte)GrammarCharacters[pick % GrammarCharacters.Length];
                if (!ParsesValidlyOrThrowsFormat(() => [Npy.Parse(mutated)])) return false;
            }
            return true;
        });

    [Property]
    public Property Header_variants_other_writers_produce_are_read() =>
        Prop.ForAll(Arrays.ToArbitrary(), Gen.Elements('\'', '"').ToArbitrary(), Gen.Shuffle(new[] { 0, 1, 2 }).ToArbitrary(), (array, quote, order) =>
        {
            var shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : $"({array.Shape[0]},{array.Shape[1]})";
            string[] entries = [$"{quote}descr{quote}:{quote}{array.Descr}{quote}", $"{quote}fortran_order{quote} : False", $"{quote}shape{quote}: {shape}"];
            var header = "{" + string.Join(", ", order.Select(k => entries[k])) + "}";
            var bytes = WithHeader(header, major: 2, Npy.ToBytes(array).AsSpan(Npy.HeaderOf(array).Length));
            return Npy.Parse(bytes).Equals(array);
        });

    [Property]
    public Property A_fortran_ordered_matrix_is_read_in_C_order() =>
        Prop.ForAll(Arrays.ToArbitrary(), array =>
        {
            if (array is not NpyArray.Float64 { Shape.Length: 2 } f) return true;
            var (rows, cols) = (f.Shape[0], f.Shape[1]);
            var columnMajor = new double[f.Length];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++)
                    columnMajor[j * rows + i] = f.Data[i * cols + j];
            var data = Npy.ToBytes(NpyArray.Vector([.. columnMajor])).AsSpan(Npy.HeaderOf(NpyArray.Vector([.. columnMajor])).Length);
            var bytes = WithHeader($"{{'descr': '<f8', 'fortran_order': True, 'shape': ({rows}, {cols}), }}", major: 1, data);
            return Npy.Parse(bytes).Equals(array);
        });

    [Property]
    public Property Npz_write_then_parse_is_the_identity_stored_or_deflated() =>
        Prop.ForAll(Archives.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (arrays, compress) =>
        {
            var read = Npz.Parse(Npz.ToBytes(arrays, compress));
            return read.Count == arrays.Length && arrays.All(e => read[e.Name].Equals(e.Array));
        });

    [Property]
    public Property Npz_writes_the_same_bytes_every_time() =>
        Prop.ForAll(Archives.ToArbitrary(), arrays => Npz.ToBytes(arrays).AsSpan().SequenceEqual(Npz.ToBytes(arrays)));

    [Property(MaxTest = 30)]
    public Property A_damaged_npz_parses_or_throws_NpyFormatException() =>
        Prop.ForAll(Archives.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, int.MaxValue), 64).ToArbitrary(),
            (arrays, compress, noise) =>
            {
                var bytes = Npz.ToBytes(arrays, compress);
                for (var length = 0; length < bytes.Length; length += 1 + length / 16)
                    if (!ParsesValidlyOrThrowsFormat(() => Npz.Parse(bytes[..length]).Values)) return false;
                for (var k = 0; k + 1 < noise.Length; k += 2)
                {
                    var mutated = (byte[])bytes.Clone();
                    mutated[noise[k] % mutated.Length] = (byte)noise[k + 1];
                    if (!ParsesValidlyOrThrowsFormat(() => Npz.Parse(mutated).Values)) return false;
                }
                return true;
            });

    // A parse that returns must return consistent arrays; a parse that throws must throw our type, with one line.
    private static bool ParsesValidlyOrThrowsFormat(Func<IEnumerable<NpyArray>> parse)
    {
        try { return parse().All(Consistent); }
        catch (NpyFormatException e) { return !e.Message.Contains('\n'); }
    }

    private static bool Consistent(NpyArray array) => array switch
    {
        NpyArray.Float64 f => f.Shape.Length is 1 or 2 && f.Length == f.Data.Length,
        NpyArray.Int64 l => l.Shape.Length is 1 or 2 && l.Length == l.Data.Length,
        _ => false,
    };

    private static bool ThrowsFormat(Action parse)
    {
        try { parse(); return false; }
        catch (NpyFormatException e) { return !e.Message.Contains('\n'); }
    }

    private static byte[] WithHeader(string header, byte major, ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetBytes(header + "\n");
        var prefix = major == 1 ? 10 : 12;
        var bytes = new byte[prefix + text.Length + data.Length];
        Npy.Magic.CopyTo(bytes);
        bytes[6] = major;
        if (major == 1) BitConverter.TryWriteBytes(bytes.AsSpan(8), (ushort)text.Length);
        else BitConverter.TryWriteBytes(bytes.AsSpan(8), (uint)text.Length);
        text.CopyTo(bytes, prefix);
        data.CopyTo(bytes.AsSpan(prefix + text.Length));
        return bytes;
    }
}
