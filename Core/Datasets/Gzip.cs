using System.IO.Compression;

namespace Lnsgd.Core.Datasets;

/// <summary>gzip in memory: dataset files come raw or gzipped, told apart by the gzip magic bytes.</summary>
public static class Gzip
{
    /// <summary>True when <paramref name="bytes"/> start with the gzip magic 1f 8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>
    /// The bytes themselves, or their decompression when gzipped. <paramref name="declared"/> reads
    /// the size the format's own header promises from the first <paramref name="headerLength"/>
    /// decompressed bytes; decompression stops one byte past it, so a gzip bomb (a few kB that
    /// inflate to gigabytes) costs no more memory than an honest file.
    /// </summary>
    /// <exception cref="DatasetFormatException">The gzip stream is corrupt, truncated, or longer than its header says.</exception>
    public static byte[] Unwrap(byte[] bytes, string what, int headerLength = 0, Func<byte[], long>? declared = null)
    {
        if (!IsGzip(bytes)) return bytes;
        try
        {
            using var input = new MemoryStream(bytes, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var header = ReadUpTo(gzip, headerLength);
            output.Write(header);
            var limit = declared is null || header.Length < headerLength ? Array.MaxLength : Math.Min(Array.MaxLength, declared(header));
            var chunk = new byte[81920];
            for (int got; (got = gzip.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - output.Length))) > 0;)
            {
                output.Write(chunk, 0, got);
                if (output.Length > limit) throw new DatasetFormatException($"{what}: the gzip data inflates past the {limit} bytes its header declares");
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException($"{what}: corrupt or truncated gzip data ({e.Message})");
        }
    }

    private static byte[] ReadUpTo(Stream stream, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        for (int got; read < count && (got = stream.Read(buffer, read, count - read)) > 0;) read += got;
        return buffer[..read];
    }

    /// <summary>Gzips <paramref name="bytes"/> (for tests and exports).</summary>
    public static byte[] Wrap(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
