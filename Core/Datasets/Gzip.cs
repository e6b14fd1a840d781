using System.IO.Compression;

namespace Lnsgd.Core.Datasets;

/// <summary>gzip in memory: dataset files come raw or gzipped, told apart by the gzip magic bytes.</summary>
public static class Gzip
{
    /// <summary>True when <paramref name="bytes"/> start with the gzip magic 1f 8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>The bytes themselves, or their decompression when gzipped.</summary>
    /// <exception cref="DatasetFormatException">The gzip stream is corrupt or truncated.</exception>
    public static byte[] Unwrap(byte[] bytes, string what)
    {
        if (!IsGzip(bytes)) return bytes;
        try
        {
            using var input = new MemoryStream(bytes, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException($"{what}: corrupt or truncated gzip data ({e.Message})");
        }
    }

    /// <summary>Gzips <paramref name="bytes"/> (for tests and exports).</summary>
    public static byte[] Wrap(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
