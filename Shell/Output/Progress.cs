using System.Diagnostics;
using Lnsgd.Core.Measures;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Progress of a run: a redrawn bar on a terminal, a plain line at each tenth of the run when
/// stdout is a file or pipe, nothing when quiet.
/// </summary>
public sealed class Progress(long totalSteps, bool quiet, TextWriter output, bool isTerminal)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private int _lastTenth = -1;

    /// <summary>Reports the record just made.</summary>
    public void Report(MetricRow row)
    {
        if (quiet) return;
        var fraction = totalSteps == 0 ? 1.0 : (double)row.Step / totalSteps;
        var summary = $"step {row.Step}/{totalSteps}  mean_w_sq {row.MeanWSq:G4}  mean_cos {row.MeanCos:F3}  test_loss {row.TestLoss:G4}";
        if (isTerminal)
        {
            var now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100 && row.Step != totalSteps) return;
            _lastDraw = now;
            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            output.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {fraction,4:P0} {summary}   ");
            if (row.Step == totalSteps) output.WriteLine();
        }
        else
        {
            var tenth = (int)Math.Floor(fraction * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            output.WriteLine($"{fraction * 100,3:F0}% {summary}");
        }
    }

    /// <summary>Ends a bar that stopped early.</summary>
    public void Abort()
    {
        if (!quiet && isTerminal) output.WriteLine();
    }
}
