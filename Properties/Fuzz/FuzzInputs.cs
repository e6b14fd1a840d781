using FsCheck;
using FsCheck.Fluent;

namespace Lnsgd.Properties.Fuzz;

/// <summary>
/// Hostile inputs: random bytes, and single-byte mutations of valid files (replace with any
/// byte or a syntax-relevant one, flip a bit, insert, delete, truncate).
/// </summary>
public static class FuzzInputs
{
    // Bytes that change meaning in TOML, JSON, CSV, .npy headers and zip records.
    private static readonly byte[] Interesting = [.. "0123456789-+.eE,:;=\"'[]{}()\n\r\t #\\/xTFtfn"u8.ToArray(), 0x00, 0x7f, 0x80, 0xff, 0xfe, 0x01];

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(b => (byte)b);

    private static readonly Gen<byte> MutationByte = Gen.Frequency((3, AnyByte), (2, Gen.Elements(Interesting)));

    /// <summary>Random byte strings of length 0 to 400.</summary>
    public static Gen<byte[]> RandomBytes { get; } = Gen.Choose(0, 400).SelectMany(n => Gen.ArrayOf(AnyByte, n));

    /// <summary>One single-byte mutation of <paramref name="seed"/> (which must not be empty).</summary>
    public static Gen<byte[]> Mutation(byte[] seed) =>
        from kind in Gen.Choose(0, 4)
        from at in Gen.Choose(0, seed.Length - 1)
        from value in MutationByte
        from bit in Gen.Choose(0, 7)
        select kind switch
        {
            0 => With(seed, at, value),
            1 => With(seed, at, (byte)(seed[at] ^ (1 << bit))),
            2 => [.. seed.AsSpan(0, at), value, .. seed.AsSpan(at)],
            3 => [.. seed.AsSpan(0, at), .. seed.AsSpan(at + 1)],
            _ => seed[..at],
        };

    /// <summary>The inputs for a target: a fifth random bytes, the rest mutations of its seeds.</summary>
    public static Gen<byte[]> For(FuzzTarget target) =>
        Gen.Frequency((1, RandomBytes), (4, Gen.Elements(target.Seeds.ToArray()).SelectMany(Mutation)));

    private static byte[] With(byte[] seed, int at, byte value)
    {
        var copy = (byte[])seed.Clone();
        copy[at] = value;
        return copy;
    }
}
