namespace Lnsgd.Core.Theory;

/// <summary>
/// The paper's quantitative statements (Condition 1, Theorem 2 and Lemmas 3–6) as functions of the config. They are
/// sufficient conditions and orders; the reports print measured/predicted ratios next to them.
/// </summary>
public static class TheoryPredictions
{
    /// <summary>Theorem 2: all neurons leave the lazy regime by T1 = 384 √(ln m) / (σ² η² √m).</summary>
    public static double EscapeTime(int m, double sigma, double eta) =>
        384 * Math.Sqrt(Math.Log(m)) / (sigma * sigma * eta * eta * Math.Sqrt(m));

    /// <summary>Lemma 3's ρ/m^(1/8) with ρ = 2√d/√π: the bound on P(ΔW &gt; 0) while lazy (vacuous when ≥ 1).</summary>
    public static double Lemma3PositiveBound(int m, int d) => 2 * Math.Sqrt(d) / Math.Sqrt(Math.PI) / Math.Pow(m, 0.125);

    /// <summary>Lemma 3: P(ΔW ≤ −(σ/4)²) ≥ 1/4.</summary>
    public const double Lemma3StrongDecreaseProbability = 0.25;

    /// <summary>Lemma 4: some t₀ ≤ 1/η² has E[(1/m) Σ ‖w_i(t₀)‖²] ≤ √η (for m = 1/√η).</summary>
    public static (double Bound, double Horizon) OscillationBound(double eta) => (Math.Sqrt(eta), 1 / (eta * eta));

    /// <summary>
    /// Lemma 5: alignment within T2 = ln(1/η)/‖θ⋆‖ after Phase II starts. As printed T2 is in
    /// continuous time (gradient flow, t = η·steps): it has no η in the denominator, while Lemma 6's
    /// T3 = ln(1/η)/(η‖θ⋆‖²) is in steps. <see cref="AlignmentSteps"/> converts.
    /// </summary>
    public static double AlignmentTime(double eta, double teacherNorm) => Math.Log(1 / eta) / teacherNorm;

    /// <summary>Lemma 5's T2 in steps: ln(1/η)/(η‖θ⋆‖).</summary>
    public static double AlignmentSteps(double eta, double teacherNorm) => AlignmentTime(eta, teacherNorm) / eta;

    /// <summary>Lemma 6: ‖θ − θ⋆‖ ≤ O(η ln(1/η)) within a further T3 = ln(1/η)/(η‖θ⋆‖²) steps.</summary>
    public static double ConvergenceTime(double eta, double teacherNorm) => Math.Log(1 / eta) / (eta * teacherNorm * teacherNorm);

    /// <summary>Lemma 5's alignment target 1 − ln(1/η)√η (its O(·) constant taken as 1).</summary>
    public static double AlignmentTarget(double eta) => 1 - Math.Log(1 / eta) * Math.Sqrt(eta);

    /// <summary>Lemma 6's error order η ln(1/η) (constant 1).</summary>
    public static double ConvergenceError(double eta) => eta * Math.Log(1 / eta);
}
