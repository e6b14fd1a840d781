using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Shell.Output;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>The progress display fits its terminal and says how fast and how long.</summary>
public class ProgressProperties
{
    private static MetricRow Row(long step, double value) =>
        MetricRow.Of(step, Enumerable.Repeat(value, MetricRow.Columns.Length - 1).ToArray());

    private static readonly Gen<double> Values = Gen.Elements(0.0, 1e-300, -1.234567e-7, 0.5, 123456.789, 1e300, double.NaN, double.PositiveInfinity);

    // Whatever the counts, rate and metric values, a redrawn line never exceeds the width: a
    // line that wraps scrolls the terminal at every redraw.
    [Property(MaxTest = 500)]
    public Property A_redrawn_line_never_exceeds_the_terminal_width() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
            {
                var (width, total, permille, value, millis) = c;
                var step = (long)total * permille / 1000;
                var output = new StringWriter();
                var now = TimeSpan.Zero;
                var progress = new Progress(total, quiet: false, output, redraw: true, width, () => now);
                progress.Report(Row(0, value));
                now = TimeSpan.FromMilliseconds(millis);
                progress.Report(Row(step, value));
                var lines = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\n'));
                return lines.All(l => l.Length <= width - 1 && !l.Contains('\n'));
            });

    private static readonly Gen<(int, int, int, double, int)> Cases =
        from width in Gen.Choose(20, 300)
        from total in Gen.Choose(1, int.MaxValue)
        from permille in Gen.Choose(0, 1000)
        from value in Values
        from millis in Gen.Choose(1, 100_000)
        select (width, total, permille, value, millis);

    [Fact]
    public void The_line_shows_rate_and_time_left_and_the_plain_form_too()
    {
        var now = TimeSpan.Zero;
        var redrawn = new StringWriter();
        var bar = new Progress(1_000_000, false, redrawn, redraw: true, width: 80, () => now);
        bar.Report(Row(0, 0.5));
        now = TimeSpan.FromSeconds(2);
        bar.Report(Row(250_000, 0.5));
        Assert.Contains(" 25% 250k/1.00M 125k st/s ETA 6s", redrawn.ToString());

        now = TimeSpan.Zero;
        var plain = new StringWriter();
        var lines = new Progress(1_000_000, false, plain, redraw: false, width: 80, () => now);
        for (var step = 0; step <= 1_000_000; step += 50_000) { now = TimeSpan.FromSeconds(step / 100_000.0); lines.Report(Row(step, 0.5)); }
        var text = plain.ToString();
        Assert.DoesNotContain('\r', text);
        Assert.Equal(11, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // one line per tenth
        Assert.Contains("50% step 500000/1000000  100k st/s  ETA 5s", text);
    }

    [Theory]
    [InlineData(950, "950")]
    [InlineData(12_345, "12.3k")]
    [InlineData(2_500_000, "2.50M")]
    [InlineData(123_456_789, "123M")]
    public void Counts_are_short(double n, string shown) => Assert.Equal(shown, Progress.Count(n));

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(187, "3m07s")]
    [InlineData(7500, "2h05m")]
    [InlineData(273600, "3d04h")]
    public void Durations_are_short(double seconds, string shown) => Assert.Equal(shown, Progress.Duration(seconds));
}
