namespace Lnsgd.Shell.Cli;

/// <summary>
/// Bad input from the user: printed as one line on stderr, exit code 2, nothing written.
/// Control characters a hostile file smuggled into the message are escaped, so it stays one line.
/// </summary>
public sealed class UsageError(string message) : Exception(OneLine(message))
{
    private static string OneLine(string s) => string.Concat(s.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) => "?",
        _ => c.ToString(),
    }));
}
