using System.Diagnostics;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>
/// The packed core as a library user gets it: <c>dotnet pack Core</c> into a local folder feed,
/// then fresh C# and F# projects outside the repository (no Directory.Build.props, no project
/// reference) that restore Lnsgd.Core from that feed and run the embedding examples' sources.
/// </summary>
public class PackageSnapshots
{
    private static async Task<string> Run(string workDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{await stderr}{await stdout}");
        return await stdout;
    }

    private static string Project(string sdkItems, string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            {sdkItems}
            <PackageReference Include="Lnsgd.Core" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    private static async Task<string> Example(string root, string name, string projectFile, string project, string source, string sourceName)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, projectFile), project);
        File.Copy(source, Path.Combine(dir, sourceName));
        await Run(dir, "build", "-c", "Release");
        return await Run(dir, "run", "--no-build", "-c", "Release");
    }

    [Fact]
    public async Task The_packed_core_runs_fig2_on_the_default_engine_from_fresh_csharp_and_fsharp_projects()
    {
        var root = RepoPaths.TempDir();
        // A version no earlier run used, so restore cannot take a stale package from the global cache.
        var version = $"0.1.0-test.{DateTime.UtcNow.Ticks}";
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "lnsgd.core", version);
        try
        {
            var feed = Path.Combine(root, "feed");
            await Run(RepoPaths.Root, "pack", Path.Combine(RepoPaths.Root, "Core", "Core.csproj"), "-c", "Release", "--no-build", "-o", feed, $"-p:PackageVersion={version}");
            Assert.True(File.Exists(Path.Combine(feed, $"Lnsgd.Core.{version}.nupkg")) && File.Exists(Path.Combine(feed, $"Lnsgd.Core.{version}.snupkg")));
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var examples = Path.Combine(RepoPaths.Root, "examples");
            var csharp = Example(root, "cs", "Embedding.csproj", Project("", version),
                Path.Combine(examples, "Embedding", "Program.cs"), "Program.cs");
            // FSharp.Core is the SDK's implicit reference, restored like any package.
            var fsharp = Example(root, "fs", "Embedding.fsproj", Project("""<Compile Include="Program.fs" />""", version),
                Path.Combine(examples, "FSharp", "Program.fs"), "Program.fs");
            Snapshot.Match(new { csharp = await csharp, fsharp = await fsharp });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }
}
