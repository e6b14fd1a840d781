using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>
/// The repository stands alone: its code, docs and examples cite the paper (section, equation,
/// lemma) or pages in this repository, never planning notes kept outside it or a machine's paths.
/// </summary>
public class SelfContainedTests
{
    // Planning notes by name; the others are derived where the test runs: the absolute path of the
    // folder that holds this checkout, and "../NAME" for each folder beside the checkout.
    private static readonly string[] Notes = ["PAPER.md", "DESIGN.md"];
    private static readonly string[] Extensions = [".cs", ".fs", ".md", ".py", ".csproj", ".fsproj", ".props", ".toml", ".sh"];
    private static readonly string[] Skipped = ["bin", "obj", ".git", "__snapshots__", "__pycache__", "_native", "TestResults"];

    [Fact]
    public void No_source_or_doc_cites_a_file_outside_the_repository()
    {
        var root = RepoPaths.Root;
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root));
        string[] outside = parent is null ? Notes
            : [.. Notes, parent.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar,
               .. Directory.EnumerateDirectories(parent).Select(d => "../" + Path.GetFileName(d))];
        var offenders = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(Skipped.Contains))
            .Where(f => f != Path.Combine(root, "Snapshots", "SelfContainedTests.cs"))
            .SelectMany(f => outside.Where(File.ReadAllText(f).Contains).Select(o => $"{Path.GetRelativePath(root, f)}: {o}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }
}
