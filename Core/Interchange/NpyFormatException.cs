namespace Lnsgd.Core.Interchange;

/// <summary>
/// A <c>.npy</c> or <c>.npz</c> input that is malformed, truncated or outside what this reader
/// supports. The only exception the readers throw for bad bytes; the message is one line.
/// </summary>
public sealed class NpyFormatException(string message) : FormatException(message);
