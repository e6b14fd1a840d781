using Lnsgd.Core.Datasets;

namespace Lnsgd.Core.RealWorld;

/// <summary>The training and test splits an experiment runs on, as prepared from the stored images.</summary>
public sealed record RealTask(string Dataset, LabelledSplit Train, LabelledSplit Test, int TrainTotal, int TestTotal)
{
    /// <summary>Which stored images the splits are and how they were standardised (for <c>data.npz</c>); null if unknown.</summary>
    public TaskOrigin? Origin { get; init; }

    /// <summary>
    /// Chooses the seeded subsets of <paramref name="train"/> and <paramref name="test"/> and standardises
    /// them as <paramref name="config"/> says (each split by its own statistics, or both by the training subset's).
    /// A config <c>lnsgd real</c> refuses throws an <see cref="ArgumentException"/> with its line (<see cref="RealSchema.Validate"/>).
    /// </summary>
    public static RealTask Prepare(RealConfig config, ImageSet train, ImageSet test)
    {
        if (RealSchema.Validate(config) is { } invalid) throw new ArgumentException(invalid, nameof(config));
        if (train.Size != test.Size) throw new DatasetFormatException($"{config.Dataset}: training images have {train.Size} values, test images {test.Size}");
        var trainRows = ImageData.Subset(train.Count, config.NTrain, config.Seed, 0);
        var testRows = ImageData.Subset(test.Count, config.NTest, config.Seed, 1);
        if (trainRows.Length == 0 || testRows.Length == 0) throw new DatasetFormatException($"{config.Dataset}: an empty split");
        var (mean, std) = ImageData.Statistics(train, trainRows);
        var (testMean, testStd) = config.Standardise == "train" ? (mean, std) : ImageData.Statistics(test, testRows);
        return new RealTask(config.Dataset, ImageData.Prepare(train, trainRows, mean, std), ImageData.Prepare(test, testRows, testMean, testStd),
            train.Count, test.Count) { Origin = new TaskOrigin(trainRows, testRows, mean, std, testMean, testStd) };
    }
}

/// <summary>
/// The provenance of a task's splits: the indices of the chosen images in the stored training and
/// test sets (ascending) and the pixel mean and standard deviation each split was standardised with.
/// </summary>
public sealed record TaskOrigin(int[] TrainRows, int[] TestRows, double TrainMean, double TrainStd, double TestMean, double TestStd);
