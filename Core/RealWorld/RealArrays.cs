using System.Collections.Immutable;
using Lnsgd.Core.Datasets;
using Lnsgd.Core.Interchange;
using Lnsgd.Core.Nonlinear;

namespace Lnsgd.Core.RealWorld;

/// <summary>
/// A real-data run as named arrays for numpy and PyTorch (<c>lnsgd real --export-npz</c>): the
/// prepared data, the parameters at θ0 and at the end, and back again for <c>--data</c> and
/// <c>--init</c>. Matrices are row-major as in Core; the network is
/// f(x) = s_A·A φ(s_W·W x + s_b·b) + s_c·c (<see cref="NetSpec"/>). Reading never throws: it
/// returns the value or one error line.
/// </summary>
public static class RealArrays
{
    /// <summary>The parameter names, in θ's layout order.</summary>
    public static ImmutableArray<string> ParameterNames { get; } = ["W", "b", "A", "c"];

    /// <summary>
    /// <c>X</c> (n×d), <c>Y</c> (n×c, one-hot), <c>labels</c> (n, int64) and the same with <c>_test</c>:
    /// the arrays the arms train and are measured on, after subset and standardisation; and, when
    /// the task knows its origin, <c>rows</c>/<c>rows_test</c> (int64, the images' indices in the
    /// stored sets), <c>standardise</c>/<c>standardise_test</c> ((mean, std) of the pixels) and
    /// <c>totals</c> (int64: images in the stored training and test sets).
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Data(RealTask task)
    {
        var (train, test) = (task.Train, task.Test);
        var arrays = ImmutableArray.CreateBuilder<(string, NpyArray)>();
        arrays.AddRange(
            ("X", NpyArray.Matrix(train.Rows, train.D, [.. train.X])),
            ("Y", NpyArray.Matrix(train.Rows, train.Classes, [.. train.Y])),
            ("labels", Int64Vector(train.Labels)),
            ("X_test", NpyArray.Matrix(test.Rows, test.D, [.. test.X])),
            ("Y_test", NpyArray.Matrix(test.Rows, test.Classes, [.. test.Y])),
            ("labels_test", Int64Vector(test.Labels)));
        if (task.Origin is { } o)
            arrays.AddRange(
                ("rows", Int64Vector(o.TrainRows)),
                ("rows_test", Int64Vector(o.TestRows)),
                ("standardise", NpyArray.Vector([o.TrainMean, o.TrainStd])),
                ("standardise_test", NpyArray.Vector([o.TestMean, o.TestStd])),
                ("totals", NpyArray.Vector([(long)task.TrainTotal, task.TestTotal])));
        return arrays.ToImmutable();
    }

    /// <summary>
    /// <c>W</c> (m×d), <c>b</c> (m), <c>A</c> (c×m), <c>c</c> (c) of <paramref name="net"/>, and its
    /// forward-pass scale factors <c>s_W</c>, <c>s_b</c>, <c>s_A</c>, <c>s_c</c> (shape (1,); 0 for
    /// absent biases, whose parameters then stay zero).
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Parameters(TwoLayerNet net)
    {
        var s = net.Spec;
        return [.. Blocks(net.Spec, net.Theta.AsSpan(), ""),
            ("s_W", NpyArray.Vector([s.ScaleW])), ("s_b", NpyArray.Vector([s.ScaleB])),
            ("s_A", NpyArray.Vector([s.ScaleA])), ("s_c", NpyArray.Vector([s.ScaleC]))];
    }

    /// <summary>
    /// An arm's end: <see cref="Parameters"/> of its final point (θ0 + Δ for a linearised arm,
    /// which also gets <c>delta_W</c>, <c>delta_b</c>, <c>delta_A</c>, <c>delta_c</c>: the trained
    /// offset Δ itself, exact), and its records: <c>record_step</c> (int64), <c>train_loss</c>,
    /// <c>test_loss</c> and <c>batch_loss</c> (the columns of metrics.csv, unrounded).
    /// </summary>
    public static ImmutableArray<(string Name, NpyArray Array)> Final(RealTrajectory arm)
    {
        var arrays = ImmutableArray.CreateBuilder<(string, NpyArray)>();
        arrays.AddRange(Parameters(arm.Final.Point));
        if (arm.Final is Model.Linearised l) arrays.AddRange(Blocks(l.Origin.Spec, l.Delta.AsSpan(), "delta_"));
        arrays.AddRange(
            ("record_step", NpyArray.Vector([.. arm.Rows.Select(r => r.Step)])),
            ("train_loss", NpyArray.Vector([.. arm.Rows.Select(r => r.TrainLoss)])),
            ("test_loss", NpyArray.Vector([.. arm.Rows.Select(r => r.TestLoss)])),
            ("batch_loss", NpyArray.Vector([.. arm.Rows.Select(r => r.BatchLoss)])));
        return arrays.ToImmutable();
    }

    /// <summary>
    /// The task of a <c>data.npz</c>: <c>X</c>, <c>labels</c>, <c>X_test</c>, <c>labels_test</c> (required;
    /// Y and Y_test are rebuilt one-hot, and must agree with the labels when present), the origin
    /// arrays when all are present. The number of classes is the width of <c>Y</c>, else 1 + the largest label.
    /// </summary>
    public static (RealTask? Task, string? Error) Task(IReadOnlyDictionary<string, NpyArray> arrays, string dataset)
    {
        var (x, e1) = Float64(arrays, "X", 2);
        if (x is null) return (null, e1);
        var (xTest, e2) = Float64(arrays, "X_test", 2);
        if (xTest is null) return (null, e2);
        var d = x.Shape[1];
        if (x.Shape[0] < 1 || d < 1) return (null, $"'X' has shape {Show(x.Shape)}: it needs at least one row and one column");
        if (xTest.Shape[0] < 1 || xTest.Shape[1] != d) return (null, $"'X_test' has shape {Show(xTest.Shape)}: it needs at least one row and d = {d} columns like 'X'");
        var (labels, e3) = Int64(arrays, "labels", x.Shape[0]);
        if (labels is null) return (null, e3);
        var (labelsTest, e4) = Int64(arrays, "labels_test", xTest.Shape[0]);
        if (labelsTest is null) return (null, e4);
        var classes = arrays.TryGetValue("Y", out var y) && y.Shape.Length == 2 ? y.Shape[1]
            : (int)Math.Max(labels.Data.Max(), labelsTest.Data.Max()) + 1;
        if (labels.Data.Concat(labelsTest.Data).Any(l => l < 0 || l >= classes))
            return (null, $"labels must lie in 0..{classes - 1} (the classes of 'Y')");
        var train = Split(x, labels, classes);
        var test = Split(xTest, labelsTest, classes);
        foreach (var (name, split) in new[] { ("Y", train), ("Y_test", test) })
            if (arrays.TryGetValue(name, out var given) && !given.Equals(NpyArray.Matrix(split.Rows, classes, [.. split.Y])))
                return (null, $"'{name}' is not the one-hot form of the labels");
        var origin = Origin(arrays, train.Rows, test.Rows);
        var totals = arrays.TryGetValue("totals", out var t) && t is NpyArray.Int64 { Length: 2 } ti ? ((int)ti.Data[0], (int)ti.Data[1]) : (train.Rows, test.Rows);
        return (new RealTask(dataset, train, test, totals.Item1, totals.Item2) { Origin = origin }, null);
    }

    /// <summary>
    /// θ0 of an <c>init.npz</c> for <paramref name="spec"/>: <c>W</c>, <c>A</c> (and <c>b</c>, <c>c</c> when
    /// the spec has biases; without them they must be absent or zero), shapes as the spec says; the
    /// scale factors, when present, must be the spec's (an init written under another parameterisation is refused).
    /// </summary>
    public static (TwoLayerNet? Net, string? Error) Initial(IReadOnlyDictionary<string, NpyArray> arrays, NetSpec spec)
    {
        var theta = new double[spec.Count];
        var shapes = new (string Name, int Offset, int[] Shape)[]
        {
            ("W", spec.OffsetW, [spec.M, spec.D]), ("b", spec.OffsetB, [spec.M]), ("A", spec.OffsetA, [spec.C, spec.M]), ("c", spec.OffsetC, [spec.C]),
        };
        foreach (var (name, offset, shape) in shapes)
        {
            var optional = name is "b" or "c";
            if (optional && !arrays.ContainsKey(name)) continue;
            var (array, error) = Float64(arrays, name, shape.Length);
            if (array is null) return (null, error);
            if (!array.Shape.SequenceEqual(shape))
                return (null, $"'{name}' has shape {Show(array.Shape)} but the config needs {Show([.. shape])}");
            if (optional && !spec.Bias && array.Data.Any(v => v != 0.0))
                return (null, $"'{name}' is nonzero but the config has bias = false");
            array.Data.CopyTo(theta, offset);
        }
        foreach (var (name, value) in new[] { ("s_W", spec.ScaleW), ("s_b", spec.ScaleB), ("s_A", spec.ScaleA), ("s_c", spec.ScaleC) })
            if (arrays.TryGetValue(name, out var scale) && !(scale is NpyArray.Float64 { Length: 1 } f && f.Data[0] == value))
                return (null, $"'{name}' is not the config's scale factor {value:R} (written under another parameterisation, width or w_std/b_std?)");
        return (TwoLayerNet.Own(spec, theta), null);
    }

    private static IEnumerable<(string, NpyArray)> Blocks(NetSpec s, ReadOnlySpan<double> theta, string prefix) =>
    [
        (prefix + "W", NpyArray.Matrix(s.M, s.D, [.. theta.Slice(s.OffsetW, s.M * s.D)])),
        (prefix + "b", NpyArray.Vector([.. theta.Slice(s.OffsetB, s.M)])),
        (prefix + "A", NpyArray.Matrix(s.C, s.M, [.. theta.Slice(s.OffsetA, s.C * s.M)])),
        (prefix + "c", NpyArray.Vector([.. theta.Slice(s.OffsetC, s.C)])),
    ];

    private static LabelledSplit Split(NpyArray.Float64 x, NpyArray.Int64 labels, int classes)
    {
        var rows = x.Shape[0];
        var y = new double[rows * classes];
        var l = new int[rows];
        for (var r = 0; r < rows; r++) { l[r] = (int)labels.Data[r]; y[r * classes + l[r]] = 1.0; }
        return new LabelledSplit(rows, x.Shape[1], classes, [.. x.Data], y, l);
    }

    private static TaskOrigin? Origin(IReadOnlyDictionary<string, NpyArray> arrays, int rows, int rowsTest)
    {
        if (arrays.GetValueOrDefault("rows") is not NpyArray.Int64 r || r.Length != rows) return null;
        if (arrays.GetValueOrDefault("rows_test") is not NpyArray.Int64 rt || rt.Length != rowsTest) return null;
        if (arrays.GetValueOrDefault("standardise") is not NpyArray.Float64 { Length: 2 } st) return null;
        if (arrays.GetValueOrDefault("standardise_test") is not NpyArray.Float64 { Length: 2 } stt) return null;
        return new TaskOrigin([.. r.Data.Select(v => (int)v)], [.. rt.Data.Select(v => (int)v)], st.Data[0], st.Data[1], stt.Data[0], stt.Data[1]);
    }

    private static NpyArray.Int64 Int64Vector(IEnumerable<int> values) => NpyArray.Vector([.. values.Select(v => (long)v)]);

    private static (NpyArray.Float64? Array, string? Error) Float64(IReadOnlyDictionary<string, NpyArray> arrays, string name, int rank)
    {
        if (!arrays.TryGetValue(name, out var array)) return (null, Missing(arrays, name));
        if (array is not NpyArray.Float64 f) return (null, $"'{name}' must be float64 ('<f8'), got '{array.Descr}'");
        if (f.Shape.Length != rank) return (null, $"'{name}' must have {rank} dimension{(rank == 1 ? "" : "s")}, got shape {Show(f.Shape)}");
        // A NaN or infinity would poison every step; better to refuse the file than to diverge.
        foreach (var v in f.Data) if (!double.IsFinite(v)) return (null, $"'{name}' contains a non-finite value");
        return (f, null);
    }

    private static (NpyArray.Int64? Array, string? Error) Int64(IReadOnlyDictionary<string, NpyArray> arrays, string name, int length)
    {
        if (!arrays.TryGetValue(name, out var array)) return (null, Missing(arrays, name));
        if (array is not NpyArray.Int64 i) return (null, $"'{name}' must be int64 ('<i8'), got '{array.Descr}'");
        if (i.Shape.Length != 1 || i.Length != length) return (null, $"'{name}' has shape {Show(i.Shape)}: it needs ({length},), one label per row");
        return (i, null);
    }

    private static string Missing(IReadOnlyDictionary<string, NpyArray> arrays, string name) =>
        $"array '{name}' is missing (found: {(arrays.Count == 0 ? "none" : string.Join(", ", arrays.Keys.Order(StringComparer.Ordinal)))})";

    private static string Show(ImmutableArray<int> shape) => shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
