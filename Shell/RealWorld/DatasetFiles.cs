using Lnsgd.Core.Datasets;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// Finds and reads a dataset's files; Core parses the bytes. Fashion-MNIST installs from
/// Debian (<c>apt-get install dataset-fashion-mnist</c>) into <see cref="FashionMnistDefault"/>;
/// MNIST (the same IDX file names) and CIFAR-10 (the binary version's batch files) are read
/// from <c>--data-dir</c>. A missing dataset is one line naming what to install or pass.
/// </summary>
public static class DatasetFiles
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string FashionMnistDefault = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs Fashion-MNIST.</summary>
    public const string InstallCommand = "apt-get install dataset-fashion-mnist";

    /// <summary>The folder a dataset is read from: <paramref name="dataDir"/>, else the dataset's default, else null.</summary>
    public static string? Folder(string dataset, string? dataDir) => dataDir ?? (dataset == "fashion-mnist" ? FashionMnistDefault : null);

    /// <summary>Null when the dataset's files are present, else the one-line reason (with the fix).</summary>
    public static string? Missing(string dataset, string? dataDir)
    {
        var dir = Folder(dataset, dataDir);
        if (dir is null)
            return $"{dataset} has no default location: pass --data-dir DIR (the folder with {string.Join(", ", Expected(dataset))})";
        return MissingIn(dataset, dir, isDefault: dataDir is null);
    }

    /// <summary>
    /// Null when <paramref name="dir"/> holds the dataset's files, else the reason: for Fashion-MNIST
    /// at its default location it names the install command.
    /// </summary>
    public static string? MissingIn(string dataset, string dir, bool isDefault)
    {
        var absent = Expected(dataset).Where(f => Locate(dir, f) is null).ToList();
        if (absent.Count == 0) return null;
        var fix = dataset == "fashion-mnist" && isDefault ? $"install it with `{InstallCommand}`, or pass --data-dir DIR" : "check --data-dir";
        return $"{dataset} not found: {dir} lacks {string.Join(", ", absent)} ({fix})";
    }

    /// <summary>The training and test sets of <paramref name="dataset"/>, with the files read and their SHA-256.</summary>
    /// <exception cref="UsageError">The dataset is missing.</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static (ImageSet Train, ImageSet Test, IReadOnlyList<(string Path, string Sha256)> Files) Load(string dataset, string? dataDir)
    {
        if (Missing(dataset, dataDir) is { } reason) throw new UsageError(reason);
        var dir = Folder(dataset, dataDir)!;
        var read = new List<(string, string)>();
        byte[] Read(string name)
        {
            var path = Locate(dir, name)!;
            var bytes = RegularFile.ReadBytes(path, RegularFile.DataCap, "dataset file");
            read.Add((path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))));
            return bytes;
        }
        if (dataset == "cifar10")
        {
            var train = Cifar10.Read([.. Enumerable.Range(1, 5).Select(k => ($"data_batch_{k}.bin", Read($"data_batch_{k}.bin")))], "cifar10 training set");
            var test = Cifar10.Read([("test_batch.bin", Read("test_batch.bin"))], "cifar10 test set");
            return (train, test, read);
        }
        var trainSet = Idx.Read(Read("train-images-idx3-ubyte"), Read("train-labels-idx1-ubyte"), $"{dataset} training set");
        var testSet = Idx.Read(Read("t10k-images-idx3-ubyte"), Read("t10k-labels-idx1-ubyte"), $"{dataset} test set");
        return (trainSet, testSet, read);
    }

    /// <summary>The file names a dataset needs (IDX files may also end in .gz; CIFAR-10 files may sit in cifar-10-batches-bin/).</summary>
    public static IReadOnlyList<string> Expected(string dataset) => dataset == "cifar10"
        ? [.. Enumerable.Range(1, 5).Select(k => $"data_batch_{k}.bin"), "test_batch.bin"]
        : ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    // name, name.gz, or either inside the CIFAR archive's folder.
    private static string? Locate(string dir, string name)
    {
        foreach (var folder in new[] { dir, Path.Combine(dir, "cifar-10-batches-bin") })
            foreach (var candidate in new[] { name, name + ".gz" })
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path)) return path;
            }
        return null;
    }
}
