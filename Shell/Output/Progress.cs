using System.Diagnostics;
using System.Globalization;
using Lnsgd.Core.Measures;

namespace Lnsgd.Shell.Output;

/// <summary>
/// Progress of a run: on a terminal, one line redrawn in place that never exceeds the terminal's
/// width (bar, percent, steps, rate, ETA, then as many metrics as fit); when stdout is a file,
/// a pipe or <c>TERM=dumb</c>, a plain line at each tenth of the run; nothing when quiet.
/// </summary>
public sealed class Progress
{
    private readonly long _totalSteps;
    private readonly bool _quiet;
    private readonly TextWriter _output;
    private readonly bool _redraw;
    private readonly int _width;
    private readonly Func<TimeSpan> _elapsed;
    private long? _firstStep;
    private TimeSpan _lastDraw = TimeSpan.FromDays(-1);
    private int _lastTenth = -1;

    /// <summary>Progress on <paramref name="output"/>; it redraws when <paramref name="isTerminal"/> and the terminal can.</summary>
    public Progress(long totalSteps, bool quiet, TextWriter output, bool isTerminal)
        : this(totalSteps, quiet, output, isTerminal && Terminal.CanRedraw(output), isTerminal ? Terminal.Width() : Terminal.DefaultWidth, Clock())
    {
    }

    /// <summary>Progress with an explicit width and clock (tests).</summary>
    public Progress(long totalSteps, bool quiet, TextWriter output, bool redraw, int width, Func<TimeSpan> elapsed)
    {
        (_totalSteps, _quiet, _output, _redraw, _width, _elapsed) = (totalSteps, quiet, output, redraw, Math.Max(20, width), elapsed);
    }

    private static Func<TimeSpan> Clock()
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed;
    }

    /// <summary>Reports the record just made.</summary>
    public void Report(MetricRow row)
    {
        if (_quiet) return;
        _firstStep ??= row.Step;
        var now = _elapsed();
        var fraction = _totalSteps == 0 ? 1.0 : Math.Clamp((double)row.Step / _totalSteps, 0, 1);
        if (_redraw)
        {
            if (now - _lastDraw < TimeSpan.FromMilliseconds(100) && row.Step != _totalSteps) return;
            _lastDraw = now;
            _output.Write("\r" + Line(row, fraction, now, _width - 1).PadRight(_width - 1));
            if (row.Step == _totalSteps) _output.WriteLine();
        }
        else
        {
            var tenth = (int)Math.Floor(fraction * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            _output.WriteLine($"{fraction * 100,3:F0}% step {row.Step}/{_totalSteps}{Speed(row.Step, now, "  ")}  {Metrics(row)}");
        }
    }

    /// <summary>Ends a bar that stopped early.</summary>
    public void Abort()
    {
        if (!_quiet && _redraw) _output.WriteLine();
    }

    /// <summary>
    /// The redrawn line, at most <paramref name="width"/> characters: percent, steps, rate and
    /// ETA always; then a bar and the metrics, each only when it fits.
    /// </summary>
    public string Line(MetricRow row, double fraction, TimeSpan elapsed, int width)
    {
        var head = $"{fraction * 100,3:F0}% {Count(row.Step)}/{Count(_totalSteps)}{Speed(row.Step, elapsed, " ")}";
        var line = head;
        var room = width - head.Length;
        const int minBar = 10;
        if (room >= minBar + 3)
        {
            var barWidth = Math.Min(20, room - 3);
            var filled = (int)Math.Round(fraction * barWidth);
            line = $"[{new string('#', filled)}{new string('-', barWidth - filled)}] {head}";
        }
        foreach (var metric in MetricParts(row))
            if (line.Length + 2 + metric.Length <= width) line += "  " + metric;
        return line.Length <= width ? line : line[..width];
    }

    // Steps per second since the first record seen, and the time left at that rate.
    private string Speed(long step, TimeSpan elapsed, string separator)
    {
        var done = step - (_firstStep ?? step);
        if (done <= 0 || elapsed.TotalSeconds <= 0) return "";
        var rate = done / elapsed.TotalSeconds;
        var left = (_totalSteps - step) / rate;
        return $"{separator}{Count(rate)} st/s{separator}ETA {Duration(left)}";
    }

    private static IEnumerable<string> MetricParts(MetricRow row) =>
        [$"cos {row.MeanCos:F3}", $"w_sq {row.MeanWSq:G3}", $"test {row.TestLoss:G3}"];

    private static string Metrics(MetricRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"mean_w_sq {row.MeanWSq:G4}  mean_cos {row.MeanCos:F3}  test_loss {row.TestLoss:G4}");

    /// <summary>A count in at most five characters: 950, 12.3k, 2.50M, 1.20G.</summary>
    public static string Count(double n) => n switch
    {
        < 1e3 => n.ToString("F0", CultureInfo.InvariantCulture),
        < 1e6 => (n / 1e3).ToString(n < 1e4 ? "F2" : n < 1e5 ? "F1" : "F0", CultureInfo.InvariantCulture) + "k",
        < 1e9 => (n / 1e6).ToString(n < 1e7 ? "F2" : n < 1e8 ? "F1" : "F0", CultureInfo.InvariantCulture) + "M",
        _ => (n / 1e9).ToString("F2", CultureInfo.InvariantCulture) + "G",
    };

    /// <summary>A duration as 42s, 3m07s, 2h05m or 3d04h.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0) return "?";
        var s = (long)Math.Round(seconds);
        return s < 60 ? $"{s}s" : s < 3600 ? $"{s / 60}m{s % 60:D2}s" : s < 86400 ? $"{s / 3600}h{s / 60 % 60:D2}m" : $"{s / 86400}d{s / 3600 % 24:D2}h";
    }
}
