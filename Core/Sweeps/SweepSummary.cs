using System.Collections.Immutable;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Theory;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// The summary columns of one run in the collected table: final metrics, the phase steps of
/// <see cref="PhaseDetector"/> and <see cref="RunSummary"/>, and Theorem 2's bound. Steps are
/// record steps (exact to the recording interval); null means "not reached" or "undefined".
/// </summary>
public static class SweepSummary
{
    /// <summary>‖θ − θ⋆‖ at which a run counts as converged (the tolerance <c>lnsgd verify</c> uses).</summary>
    public const double ConvergedTolerance = 0.05;

    /// <summary>The summary columns, in table order.</summary>
    public static ImmutableArray<TableColumn> Columns { get; } =
    [
        new("steps_completed", ColumnKind.Integer, "optimiser steps taken (fewer than steps when the run diverged)"),
        new("records", ColumnKind.Integer, "rows in metrics.csv"),
        .. MetricRow.Columns.Skip(1).Select(c => new TableColumn("final_" + c, ColumnKind.Real, $"{c} at the last record")),
        new("min_mean_w_sq", ColumnKind.Real, "smallest mean ‖w_i‖² over the records"),
        new("min_mean_w_sq_step", ColumnKind.Integer, "the step of that smallest value"),
        new("escape_step", ColumnKind.Integer, "lazy escape: first record with escaped_frac >= 1 (every neuron left the lazy regime, Definition 1)"),
        new("norm_halved_step", ColumnKind.Integer, "first record with mean ‖w_i‖² at most half its start"),
        new("phase_one_end_step", ColumnKind.Integer, "end of Phase I: smoothed log mean ‖w_i‖² covered 90 % of its fall"),
        new("alignment_start_step", ColumnKind.Integer, "start of Phase II: smoothed mean cosine gained 10 % of its rise"),
        new("cos05_step", ColumnKind.Integer, "first record with mean |cos(w_i, θ⋆)| >= 0.5"),
        new("cos09_step", ColumnKind.Integer, "first record with mean |cos(w_i, θ⋆)| >= 0.9"),
        new("min_cos09_step", ColumnKind.Integer, "first record with min |cos(w_i, θ⋆)| >= 0.9"),
        new("converged_step", ColumnKind.Integer, $"first record with ‖θ − θ⋆‖ <= {ConvergedTolerance}"),
        new("theory_escape_t1", ColumnKind.Real, "Theorem 2's bound T1 = 384 √(ln m) / (σ² η² √m) (empty when σ = 0)"),
    ];

    /// <summary>The summary cells of <paramref name="run"/>, aligned with <see cref="Columns"/>.</summary>
    public static ImmutableArray<string?> Of(CollectedRun run)
    {
        var rows = run.Rows;
        var last = rows.Count > 0 ? rows[^1] : null;
        var first = rows.Count > 0 ? rows[0] : null;
        var min = rows.Count > 0 ? rows.MinBy(r => r.MeanWSq) : null;
        var c = run.Config;
        return
        [
            Cell.Of(run.StepsCompleted),
            Cell.Of(rows.Count),
            .. MetricRow.Columns.Skip(1).Select(column => last is null ? null : Cell.Of(last[column])),
            Cell.Of(min?.MeanWSq),
            Cell.Of(min?.Step),
            Cell.Of(RunSummary.FirstStep(rows, r => r.EscapedFrac >= 1.0)),
            Cell.Of(first is null ? null : RunSummary.FirstStep(rows, r => r.MeanWSq <= 0.5 * first.MeanWSq)),
            Cell.Of(PhaseDetector.PhaseOneEnd(rows)),
            Cell.Of(PhaseDetector.AlignmentStart(rows)),
            Cell.Of(RunSummary.FirstStep(rows, r => r.MeanCos >= 0.5)),
            Cell.Of(RunSummary.FirstStep(rows, r => r.MeanCos >= 0.9)),
            Cell.Of(RunSummary.FirstStep(rows, r => r.MinCos >= 0.9)),
            Cell.Of(RunSummary.FirstStep(rows, r => r.ThetaErr <= ConvergedTolerance)),
            Cell.Of(c.Sigma > 0 ? TheoryPredictions.EscapeTime(c.M, c.Sigma, c.Eta) : null),
        ];
    }
}
