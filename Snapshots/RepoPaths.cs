namespace Lnsgd.Snapshots;

/// <summary>Locates the repository root from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Functional.sln not found above the test folder");
        }
    }

    /// <summary>A fresh empty temporary folder.</summary>
    public static string TempDir()
    {
        var path = Path.Combine(Path.GetTempPath(), "lnsgd-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
