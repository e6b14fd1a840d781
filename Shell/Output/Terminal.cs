namespace Lnsgd.Shell.Output;

/// <summary>
/// What the progress display may assume of stdout: a redrawn line only on a real terminal that is
/// not <c>TERM=dumb</c>, as wide as the terminal (80 columns when the width cannot be read).
/// </summary>
public static class Terminal
{
    /// <summary>The width used when the terminal does not say.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Whether <paramref name="output"/> is the console's stdout on a terminal that can redraw a line.</summary>
    public static bool CanRedraw(TextWriter output) =>
        output == Console.Out && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>The terminal's width in columns, or <see cref="DefaultWidth"/>.</summary>
    public static int Width()
    {
        try { return Console.WindowWidth is > 0 and var w ? w : DefaultWidth; }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException) { return DefaultWidth; }
    }
}
