namespace Lnsgd.Shell.Cli;

/// <summary>Bad input from the user: printed as one line on stderr, exit code 2, nothing written.</summary>
public sealed class UsageError(string message) : Exception(message);
