using System.Collections.Immutable;
using System.IO.Compression;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// numpy's <c>.npz</c>: a zip archive with one <c>NAME.npy</c> entry per array, as written by
/// <c>np.savez</c> (stored) or <c>np.savez_compressed</c> (deflated) and read by <c>np.load</c>.
/// </summary>
public static class Npz
{
    // Zip entries carry a modification time; a fixed one keeps archives byte-reproducible and Core clock-free.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes the arrays, in the given order, as entries <c>NAME.npy</c>; <paramref name="compress"/>
    /// deflates them. Names must be distinct and non-empty. Leaves the stream open.
    /// </summary>
    public static void Write(Stream stream, IEnumerable<(string Name, NpyArray Array)> arrays, bool compress = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, array) in arrays)
        {
            if (string.IsNullOrEmpty(name) || !seen.Add(name)) throw new ArgumentException($"array names must be distinct and non-empty, got '{name}'");
            var entry = zip.CreateEntry(name + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTime;
            using var entryStream = entry.Open();
            Npy.Write(entryStream, array);
        }
    }

    /// <summary>The archive's bytes.</summary>
    public static byte[] ToBytes(IEnumerable<(string Name, NpyArray Array)> arrays, bool compress = false)
    {
        using var buffer = new MemoryStream();
        Write(buffer, arrays, compress);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads every array of an archive, keyed by entry name without <c>.npy</c>. A malformed
    /// archive, an entry that is not a <c>.npy</c> file, a repeated name or a bad array throws
    /// <see cref="NpyFormatException"/> naming the entry.
    /// </summary>
    public static ImmutableDictionary<string, NpyArray> Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }

    /// <summary>As <see cref="Read"/>, from the archive's bytes.</summary>
    public static ImmutableDictionary<string, NpyArray> Parse(byte[] archive)
    {
        var arrays = ImmutableDictionary.CreateBuilder<string, NpyArray>(StringComparer.Ordinal);
        string? current = null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                var fullName = entry.FullName;
                current = Printable(fullName);
                if (!fullName.EndsWith(".npy", StringComparison.Ordinal) || fullName.Length == 4)
                    throw new NpyFormatException($"malformed .npz: entry '{current}' is not a NAME.npy array");
                var name = fullName[..^4];
                if (arrays.ContainsKey(name)) throw new NpyFormatException($"malformed .npz: entry '{current}' appears twice");
                var content = Content(entry, current);
                arrays[name] = Npy.Parse(content);
            }
        }
        catch (NpyFormatException e) when (current is not null && !e.Message.StartsWith("malformed .npz", StringComparison.Ordinal))
        {
            throw new NpyFormatException($"entry '{current}': {e.Message}");
        }
        // The zip reader reports damage through several BCL exception types; all mean "not a valid archive".
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException or OverflowException)
        {
            throw new NpyFormatException($"malformed .npz{(current is null ? "" : $" at entry '{current}'")}: {OneLine(e.Message)}");
        }
        return arrays.ToImmutable();
    }

    // An entry's bytes, never more than the size the archive declares (a deflate bomb stops there),
    // and only when their CRC-32 is the one the archive records (a flipped bit is refused).
    private static byte[] Content(ZipArchiveEntry entry, string name)
    {
        var declared = entry.Length;
        if (declared > Array.MaxLength) throw new NpyFormatException($"malformed .npz: entry '{name}' declares {declared} bytes, more than an array can hold");
        var content = new byte[declared];
        using (var stream = entry.Open())
        {
            var read = 0;
            for (int got; read < content.Length && (got = stream.Read(content, read, content.Length - read)) > 0;) read += got;
            if (read < content.Length) throw new NpyFormatException($"malformed .npz: entry '{name}' holds {read} bytes but declares {declared}");
            if (stream.ReadByte() >= 0) throw new NpyFormatException($"malformed .npz: entry '{name}' holds more than the {declared} bytes it declares");
        }
        if (Crc32.Of(content) != entry.Crc32)
            throw new NpyFormatException($"damaged .npz: entry '{name}' fails its CRC-32 check (the file was changed or corrupted after it was written)");
        return content;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    // Entry names come from the file: control characters would break the one-line message.
    private static string Printable(string name) => string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));
}
