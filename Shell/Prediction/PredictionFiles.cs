using System.Globalization;
using System.Text;
using System.Text.Json;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Output;

namespace Lnsgd.Shell.Prediction;

/// <summary>
/// prediction.json and prediction.csv (docs/prediction.md): every key of the JSON is always
/// present, null where the quantity does not exist; the CSV holds both flows, told apart by its
/// <c>flow</c> column, with an empty cell where a value was not evaluated.
/// </summary>
public static class PredictionFiles
{
    /// <summary>The file names, in the order they are written.</summary>
    public static readonly string[] Names = ["prediction.json", "prediction.csv"];

    /// <summary>Writes both files into <paramref name="folder"/>, atomically.</summary>
    public static void Write(string folder, RunConfig config, Core.Predictions.Prediction prediction)
    {
        AtomicFile.WriteText(Path.Combine(folder, Names[0]), Json(config, prediction));
        AtomicFile.WriteText(Path.Combine(folder, Names[1]), Csv(prediction));
    }

    /// <summary>prediction.csv: <c>flow</c> then <see cref="PredictionCurve.Columns"/>, limit rows first.</summary>
    public static string Csv(Core.Predictions.Prediction p)
    {
        var sb = new StringBuilder("flow,").Append(string.Join(',', PredictionCurve.Columns)).Append('\n');
        foreach (var curve in new[] { p.Limit, p.Corrected })
            for (var i = 0; i < curve.Steps.Length; i++)
                sb.Append(curve.Flow.Name).Append(',').Append(string.Join(',', curve.Row(i).Select(Cell))).Append('\n');
        return sb.ToString();
    }

    /// <summary>prediction.json.</summary>
    public static string Json(RunConfig config, Core.Predictions.Prediction p)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("theory", "limiting flow of label noise SGD on the interpolation manifold (docs/prediction.md)");
            w.WriteString("default_flow", "corrected");
            w.WriteStartObject("endpoint");
            Number(w, "mean_w_sq", p.Endpoint.MeanWSq);
            Number(w, "a_norm_sq", p.Endpoint.ANormSq);
            Number(w, "w_frob", p.Endpoint.WFrob);
            Number(w, "trace_h", p.Endpoint.Regulariser);
            w.WriteEndObject();
            w.WriteStartObject("at_last_step");
            Number(w, "step", config.Steps);
            Number(w, "mean_w_sq", p.Corrected.MeanWSq[^1]);
            Number(w, "mean_cos", p.Corrected.MeanCos[^1]);
            Number(w, "mean_w_sq_limit", p.Limit.MeanWSq[^1]);
            w.WriteEndObject();
            w.WriteStartObject("stationary");
            Number(w, "theta_err_sq", p.Stationary.ThetaErrSq);
            Number(w, "train_loss", p.Stationary.TrainLoss);
            Number(w, "test_loss", p.Stationary.TestLoss);
            Number(w, "theta_shrinkage", p.Stationary.ThetaShrinkage);
            w.WriteEndObject();
            w.WriteStartObject("steps");
            Number(w, "escape_first", p.Steps.EscapeFirst);
            Number(w, "escape_all", p.Steps.EscapeAll);
            Number(w, "theorem2_t1", p.TheoremT1);
            Number(w, "phase1_half", p.Steps.Phase1Half);
            Number(w, "cos_0_5", p.Steps.Cos05);
            Number(w, "cos_0_9", p.Steps.Cos09);
            w.WriteEndObject();
            Number(w, "noise_factor_start", p.NoiseFactorAtStart);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static string Cell(double v) => double.IsFinite(v) ? CsvFormat.Number(v) : "";
}
