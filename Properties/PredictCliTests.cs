using System.Text.Json;
using Lnsgd.Shell;
using Xunit;

namespace Lnsgd.Properties;

/// <summary><c>lnsgd predict</c>: every documented key present, refusals on one line with exit 2.</summary>
public class PredictCliTests
{
    [Fact]
    public void Predict_prints_every_key_and_writes_both_flows()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lnsgd-predict-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = Program.Dispatch(["predict", "--set", "m=30", "--set", "d=4", "--set", "n=20", "--steps", "40000", "--record-every", "10000", "--out", dir], stdout, stderr);
            Assert.Equal(0, code);
            var json = JsonDocument.Parse(stdout.ToString()).RootElement;
            foreach (var path in new[] { "endpoint.mean_w_sq", "endpoint.a_norm_sq", "endpoint.w_frob", "stationary.theta_err_sq", "stationary.train_loss",
                         "stationary.test_loss", "steps.escape_first", "steps.escape_all", "steps.phase1_half", "steps.cos_0_5", "steps.cos_0_9" })
            {
                var parts = path.Split('.');
                Assert.True(json.GetProperty(parts[0]).TryGetProperty(parts[1], out _), path);
            }
            Assert.True(json.GetProperty("endpoint").GetProperty("mean_w_sq").GetDouble() > 0);
            var csv = File.ReadAllLines(Path.Combine(dir, "prediction.csv"));
            Assert.Equal("flow,step,tau,mean_w_sq,w_frob,a_norm,mean_cos,min_cos,trace_h,train_loss,test_loss", csv[0]);
            Assert.Equal(5, csv.Count(l => l.StartsWith("limit,", StringComparison.Ordinal)));
            Assert.Equal(5, csv.Count(l => l.StartsWith("corrected,", StringComparison.Ordinal)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    // run --predict: the prediction files sit beside the run and in the manifest's list, the trajectory
    // (and its hash) is that of the same run without them, and resume/replay keep the option.
    [Fact]
    public void Run_with_predict_writes_the_prediction_beside_an_unchanged_trajectory()
    {
        var root = Path.Combine(Path.GetTempPath(), "lnsgd-run-predict-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] config = ["run", "--set", "m=30", "--set", "d=4", "--set", "n=20", "--steps", "4000", "--record-every", "1000", "--no-plots", "--quiet"];
            var (with, without) = (Path.Combine(root, "with"), Path.Combine(root, "without"));
            Assert.Equal(0, Program.Dispatch([.. config, "--predict", "--out", with], TextWriter.Null, TextWriter.Null));
            Assert.Equal(0, Program.Dispatch([.. config, "--out", without], TextWriter.Null, TextWriter.Null));
            Assert.True(File.Exists(Path.Combine(with, "prediction.json")) && File.Exists(Path.Combine(with, "prediction.csv")));
            Assert.False(File.Exists(Path.Combine(without, "prediction.json")));
            var (a, b) = (JsonDocument.Parse(File.ReadAllText(Path.Combine(with, "manifest.json"))).RootElement,
                JsonDocument.Parse(File.ReadAllText(Path.Combine(without, "manifest.json"))).RootElement);
            Assert.Contains("prediction.json", a.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal(b.GetProperty("trajectory_sha256").GetString(), a.GetProperty("trajectory_sha256").GetString());
            Assert.Equal(File.ReadAllText(Path.Combine(without, "metrics.csv")), File.ReadAllText(Path.Combine(with, "metrics.csv")));
            Assert.Equal(0, Program.Dispatch(["replay", with, "--check", "--quiet"], TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("fig4-sam")]
    [InlineData("oscillation")]
    [InlineData("periodic")]
    public void Predict_refuses_what_the_theory_does_not_cover(string preset)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, Program.Dispatch(["predict", preset], stdout, stderr));
        Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n'));
        Assert.Equal("", stdout.ToString());
    }
}
