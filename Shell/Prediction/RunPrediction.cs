using System.Text;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Prediction;

/// <summary>
/// The prediction a run folder carries (docs/prediction.md): computed when the theory applies,
/// written as prediction.json and prediction.csv, listed in the manifest's files but not part of
/// the trajectory hash (it is not a record of the run).
/// </summary>
public static class RunPrediction
{
    /// <summary>The prediction for a run, or null when the theory does not cover it or has no stationary state.</summary>
    public static Core.Predictions.Prediction? Of(RunSpec spec)
    {
        if (Applicability.Refusal(spec.Config) is not null) return null;
        try { return Predictor.Of(spec); }
        catch (ArithmeticException) { return null; }
    }

    /// <summary>The two files for RunFolder's extra list (none without a prediction).</summary>
    public static IEnumerable<(string Name, Action<Stream> Write)> Files(RunConfig config, Core.Predictions.Prediction? prediction)
    {
        if (prediction is null) yield break;
        var utf8 = new UTF8Encoding(false);
        yield return (PredictionFiles.Names[0], s => s.Write(utf8.GetBytes(PredictionFiles.Json(config, prediction))));
        yield return (PredictionFiles.Names[1], s => s.Write(utf8.GetBytes(PredictionFiles.Csv(prediction))));
    }
}
