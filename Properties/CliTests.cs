using FsCheck.Xunit;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>Bad input gets one line on stderr naming key, value and range, exit 2, and no output folder.</summary>
public class CliTests
{
    private static (int Code, string Stdout, string Stderr, bool FolderExists) Run(params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnsgd-cli-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Dispatch([.. args, "--out", dir, "--quiet"], stdout, stderr);
        var exists = Directory.Exists(dir);
        if (exists) Directory.Delete(dir, recursive: true);
        return (code, stdout.ToString(), stderr.ToString(), exists);
    }

    [Theory]
    [InlineData("n", "0", "integer >= 1")]
    [InlineData("d", "-3", "integer >= 1")]
    [InlineData("m", "0", "integer >= 1")]
    [InlineData("steps", "0", "integer >= 1")]
    [InlineData("batch", "0", "integer >= 1")]
    [InlineData("batch", "201", "[1, 200]")]
    [InlineData("eta", "0", "> 0")]
    [InlineData("eta", "-0.1", "> 0")]
    [InlineData("eta", "NaN", "finite")]
    [InlineData("eta", "Infinity", "finite")]
    [InlineData("sigma", "-1", ">= 0")]
    [InlineData("noise", "cauchy", "rademacher, gaussian")]
    [InlineData("m", "ten", "integer")]
    public void A_bad_value_is_named_with_its_allowed_range(string key, string value, string allowed)
    {
        var (code, stdout, stderr, exists) = Run("run", "fig2", "--set", $"{key}={value}");
        Assert.Equal(2, code);
        Assert.False(exists);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains($"'{key}'", line);
        Assert.Contains($"'{value}'", line);
        Assert.Contains(allowed, line);
    }

    [Fact]
    public void An_unknown_preset_is_refused()
    {
        var (code, _, stderr, exists) = Run("run", "fig9");
        Assert.Equal(2, code);
        Assert.False(exists);
        Assert.Contains("unknown preset 'fig9'", stderr);
    }

    [Fact]
    public void An_unreadable_config_file_is_refused()
    {
        var (code, _, stderr, exists) = Run("run", "--config", "/nonexistent/config.toml");
        Assert.Equal(2, code);
        Assert.False(exists);
        Assert.Contains("config file '/nonexistent/config.toml' not found", stderr);
    }

    [Theory]
    [InlineData("sigma = = 3")]
    [InlineData("sigma = [1, 2]")]
    [InlineData("preset = \"nope\"")]
    [InlineData("wibble = 3")]
    [InlineData("eta = -1.0")]
    public void A_malformed_config_file_is_refused(string text)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);
        var (code, _, stderr, exists) = Run("run", "--config", path);
        File.Delete(path);
        Assert.Equal(2, code);
        Assert.False(exists);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Property(MaxTest = 50)]
    public bool Any_unknown_key_is_refused_with_exit_2(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Contains('=') || Lnsgd.Core.Simulations.ConfigSchema.Find(key.Trim()) is not null) return true;
        var (code, _, stderr, exists) = Run("run", "fig2", "--set", $"{key}=1");
        return code == 2 && !exists && stderr.StartsWith("lnsgd: ", StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_is_overridden_by_set_and_the_preset_by_the_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "preset = \"fig2-clean\"\nsteps = 10\nm = 7\nsigma = 1.5\n");
        var (config, preset) = Lnsgd.Shell.Config.ConfigLoader.Resolve(null, path, [("sigma", "2.5")]);
        File.Delete(path);
        Assert.Equal("fig2-clean", preset);
        Assert.Equal((10L, 7, 2.5), (config.Steps, config.M, config.Sigma));
    }

    [Fact]
    public void A_diverging_run_exits_3_naming_the_step_and_a_stable_step_size_and_keeps_its_records()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnsgd-div-" + Guid.NewGuid().ToString("N"));
        var stderr = new StringWriter();
        var code = Program.Dispatch(["run", "fig2", "--set", "m=50", "--set", "eta=0.5", "--steps", "2000", "--record-every", "1", "--out", dir, "--quiet"], new StringWriter(), stderr);
        Assert.Equal(3, code);
        Assert.Matches(@"diverged at step \d+: .* stable step size estimate 2/lambda_max = [0-9.eE+-]+", stderr.ToString());
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.True(lines.Length >= 2);
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain("NaN", l));
        Assert.Contains("\"status\": \"diverged\"", File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Directory.Delete(dir, recursive: true);
    }
}
