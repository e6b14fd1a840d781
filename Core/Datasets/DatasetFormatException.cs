namespace Lnsgd.Core.Datasets;

/// <summary>A dataset file whose bytes are not what its format promises: the message says what and where.</summary>
public sealed class DatasetFormatException(string message) : Exception(message);
