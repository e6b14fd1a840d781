using Lnsgd.Core.Measures;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// What each <c>metrics.csv</c> column means, in words a legend can show. A column without an
/// entry (a later schema addition) is shown by its CSV name.
/// </summary>
public static class MetricLabels
{
    /// <summary>The legend text of <paramref name="column"/>.</summary>
    public static string Of(string column) => column switch
    {
        "step" => "iteration",
        "train_loss" => "train loss",
        "test_loss" => "test loss",
        "theta_err" => "‖θ − θ⋆‖",
        "w_frob" => "‖W‖_F",
        "mean_w_sq" => "mean ‖w_i‖²",
        "mean_w_norm" => "mean ‖w_i‖",
        "std_w_norm" => "std of ‖w_i‖",
        "a_norm" => "‖a‖",
        "max_abs_a" => "max |a_i|",
        "mean_align" => "mean ⟨w_i, θ⋆⟩",
        "mean_abs_align" => "mean |⟨w_i, θ⋆⟩|",
        "mean_cos" => "mean |cos(w_i, θ⋆)|",
        "min_cos" => "min |cos(w_i, θ⋆)|",
        "lazy_stat" => "max √m‖w_i − w_i(0)‖",
        "escaped_frac" => "fraction of non-lazy neurons",
        "mean_balance" => "mean ‖w_i‖² − a_i²",
        _ => column,
    };

    /// <summary>Throws unless <paramref name="column"/> is a metric column (not <c>step</c>).</summary>
    public static void Require(string column)
    {
        if (column == "step" || !MetricRow.Columns.Contains(column))
            throw new ArgumentException($"unknown metric column '{column}' (columns: {string.Join(", ", MetricRow.Columns.Skip(1))})", nameof(column));
    }
}
