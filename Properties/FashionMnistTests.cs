using Lnsgd.Core.RealWorld;
using Lnsgd.Shell.RealWorld;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Runs only where Fashion-MNIST is installed (<c>apt-get install dataset-fashion-mnist</c>, or
/// the folder in LNSGD_FASHION_MNIST_DIR); elsewhere the test is reported as skipped with the
/// install command. CI installs it (.ci/run).
/// </summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    /// <summary>The folder the tests read: LNSGD_FASHION_MNIST_DIR, else Debian's location.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable("LNSGD_FASHION_MNIST_DIR") is { Length: > 0 } dir ? dir : null;

    /// <summary>Marks the test skipped, naming the install command, when the dataset is absent.</summary>
    public FashionMnistFactAttribute()
    {
        if (DatasetFiles.Missing("fashion-mnist", Folder) is { } reason)
            Skip = $"skipped, Fashion-MNIST is absent: {reason}. Install it with `{DatasetFiles.InstallCommand}` (or point LNSGD_FASHION_MNIST_DIR at its files).";
    }
}

/// <summary>The real-data test: fig3, shortened, on the installed Fashion-MNIST.</summary>
public class FashionMnistTests
{
    [FashionMnistFact]
    public void A_shortened_fig3_on_Fashion_MNIST_trains_all_four_arms_and_compares_them()
    {
        var (train, test, files) = DatasetFiles.Load("fashion-mnist", FashionMnistFactAttribute.Folder);
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(4, files.Count);
        var preset = (RealPreset.Images)RealPresets.Find("fig3")!;
        var config = preset.Config with { NTrain = 32, NTest = 32, Width = 64, Steps = 60, RecordEvery = 20, Probe = 16 };
        var task = RealTask.Prepare(config, train, test);
        Assert.Equal(32 * 784, task.Train.X.Length);
        Assert.InRange(task.Train.X.Average(), -1e-9, 1e-9); // standardised: zero mean over the subset's pixels
        var arms = preset.Experiment.Arms(config).Select(a => ArmRun.Run(config, a, task, threads: 1)).ToList();
        Assert.All(arms, a => Assert.Null(a.DivergedAt));
        Assert.All(arms, a => Assert.Equal([0L, 20, 40, 60], a.Rows.Select(r => r.Step)));
        // Every arm starts at θ0, so the network and its linearisation agree exactly at step 0.
        Assert.Equal(arms[0].TestOutputs[0], arms[2].TestOutputs[0]);
        Assert.All(arms, a => Assert.True(a.Rows[^1].TrainLoss < a.Rows[0].TrainLoss, $"{a.Arm.Label}: the clean train loss did not fall"));
        var summaries = RealSummary.Of(preset.Experiment, arms);
        Assert.NotNull(summaries[1].TwinDistance);
        Assert.True(summaries[1].BaselineDistance > summaries[0].BaselineDistance, "label noise should end farther from the clean linearisation");
    }
}
