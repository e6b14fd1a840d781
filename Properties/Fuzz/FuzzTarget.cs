namespace Lnsgd.Properties.Fuzz;

/// <summary>
/// A parser under fuzz: its name, valid files to mutate, and the call the program makes on the
/// bytes of such a file. <paramref name="Parse"/> must return (the input was acceptable) or throw
/// the documented <see cref="Shell.Cli.UsageError"/> with a one-line message (exit code 2);
/// anything else is a bug the fuzz reports with the input.
/// </summary>
public sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<byte[]> Parse)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
