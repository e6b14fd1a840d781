using Lnsgd.Core.Claims;
using Lnsgd.Core.Measures;
using Xunit;

namespace Lnsgd.Properties.Claims;

/// <summary>One test per phase rule of Core/Claims on synthetic metric streams whose answer is known by construction.</summary>
public class PhaseRuleTests
{
    /// <summary>A stream of records every 100 steps with the given mean ‖w_i‖², mean |cos| and min |cos|.</summary>
    internal static List<MetricRow> Stream(IReadOnlyList<double> wSq, IReadOnlyList<double> cos, IReadOnlyList<double>? minCos = null, IReadOnlyList<double>? aNorm = null) =>
        [.. wSq.Select((w, k) => new MetricRow(100L * k, 0, 0, 0, 0, w, Math.Sqrt(w), 0, aNorm?[k] ?? 0, 0, 0, 0, cos[k], minCos?[k] ?? cos[k] / 2, 0, 0, 0))];

    [Fact]
    public void Phase_one_is_the_first_record_at_half_the_start_and_phase_two_the_first_aligned_record_after_it()
    {
        var rows = Stream([1.0, 0.8, 0.5, 0.3, 0.2, 0.2], [0.2, 0.2, 0.3, 0.6, 0.91, 0.95], [0.1, 0.1, 0.1, 0.2, 0.5, 0.92]);
        var p = PhaseRules.Of(rows);
        Assert.Equal(200, p.NormsHalved);
        Assert.Equal(400, p.Aligned);
        Assert.Equal(500, p.EveryNeuronAligned);
        Assert.True(p.PhaseOne && p.PhaseTwo && !p.Neither);
    }

    [Fact]
    public void Alignment_before_the_norms_halve_is_not_phase_two_and_a_flat_run_shows_neither()
    {
        // Aligned at step 100, norms halved only at 300: the record at 100 does not count, 400 does.
        var early = PhaseRules.Of(Stream([1.0, 0.9, 0.9, 0.4, 0.4], [0.2, 0.95, 0.8, 0.85, 0.92]));
        Assert.Equal(400, early.Aligned);
        Assert.Equal(100, early.FirstAligned);
        var flat = PhaseRules.Of(Stream([1.0, 1.0, 0.99], [0.2, 0.2, 0.21]));
        Assert.True(flat.Neither);
        Assert.False(flat.PhaseOne || flat.PhaseTwo);
        // Norms that never halve: alignment alone is not Phase II.
        var noPhaseOne = PhaseRules.Of(Stream([1.0, 0.9, 0.8], [0.2, 0.95, 0.95]));
        Assert.Null(noPhaseOne.Aligned);
        Assert.False(noPhaseOne.Neither);
    }

    [Fact]
    public void Phase_two_must_rise_from_chance()
    {
        // A run that starts aligned (0.6 ≥ 0.5) never "enters" Phase II.
        var p = PhaseRules.Of(Stream([1.0, 0.4, 0.3], [0.6, 0.8, 0.95]));
        Assert.True(p.PhaseOne);
        Assert.Null(p.Aligned);
    }

    [Fact]
    public void Shrinking_only_while_on_needs_a_fall_while_on_and_at_most_one_percent_of_it_while_off()
    {
        Assert.True(PhaseRules.ShrinksOnlyWhileOn(-1.0, 0.009));
        Assert.True(PhaseRules.ShrinksOnlyWhileOn(-1.0, -0.01));
        Assert.False(PhaseRules.ShrinksOnlyWhileOn(-1.0, 0.011));
        Assert.False(PhaseRules.ShrinksOnlyWhileOn(0.5, 0.0));
    }

    [Fact]
    public void Lemma_four_needs_the_root_eta_level_within_one_over_eta_squared_steps()
    {
        Assert.True(PhaseRules.OscillationShrinks(0.03, 999_999, 1e-3));
        Assert.False(PhaseRules.OscillationShrinks(0.033, 10, 1e-3));
        Assert.False(PhaseRules.OscillationShrinks(0.01, 1_000_001, 1e-3));
    }

    [Fact]
    public void Noise_windows_average_the_absolute_change_inside_each_window_and_skip_straddling_intervals()
    {
        // Records every 100 steps; noise on for steps [0, 200), off [200, 400), on again from 400.
        var rows = Stream([1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], aNorm: [0.0, 1.0, 3.0, 3.5, 3.5, 0.5]);
        var (on, off) = NoiseWindows.MeanAbsChange(rows, t => t < 200 || t >= 400, r => r.ANorm);
        Assert.Equal((1.0 + 2.0 + 3.0) / 3, on);   // [0,100], [100,200] and [400,500]
        Assert.Equal(0.25, off, 12);            // [200,300] 0.5, [300,400] 0: mean 0.25
    }

    [Fact]
    public void The_time_window_averages_the_last_fraction_of_the_steps()
    {
        var rows = Stream([1, 2, 3, 4, 5], [0, 0, 0, 0, 0]);   // steps 0..400
        Assert.Equal((4 + 5) / 2.0, TimeWindow.MeanOverLast(rows, 0.25, r => r.MeanWSq));
        Assert.Equal(3.0, TimeWindow.MeanOverLast(rows, 1.0, r => r.MeanWSq));
    }
}
