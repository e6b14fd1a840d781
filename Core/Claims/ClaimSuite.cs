using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Core.Claims;

/// <summary>
/// The paper's claims (Theorem 2, Lemmas 3–6, Figs. 2 and 4; docs/CLAIMS.md) as rows: each turns the per-seed measurements into a
/// 95 % interval and judges it through <see cref="Judge"/>. A claim holds only when its whole
/// interval does, so a claim that holds on average but not reliably fails; a bound that no
/// value could violate is reported as info with the reason, next to a row where it can fail.
/// Pure: the measurements come in, the rows go out.
/// </summary>
public static class ClaimSuite
{
    private static readonly (double, double) Fraction = (0, 1), Positive = (0, double.PositiveInfinity), Real = (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Every row: claims, then Lemmas 3–6, Phase II's driver, noise types, then the scaling study.</summary>
    public static IReadOnlyList<ClaimResult> Evaluate(IReadOnlyList<SeedMeasurements> seeds, IReadOnlyList<EscapePoint> escapes,
        IReadOnlyList<Lemma3LawPoint> law, bool quick = false)
    {
        var rows = new List<ClaimResult>();
        var presets = seeds.Where(s => s.HasPresets).ToList();
        if (presets.Count > 0) rows.AddRange(Phases(presets));
        rows.AddRange(Lemma3(presets, seeds, law));
        if (presets.Count > 0) rows.AddRange(Mechanism(presets));
        rows.AddRange(LemmasFiveSix(seeds));
        rows.AddRange(Attribution(seeds, quick));
        rows.AddRange(NoiseTypes(seeds, quick));
        if (presets.Count > 0) rows.AddRange(Outcomes(presets));
        rows.Add(Condition1());
        rows.AddRange(Scaling(escapes));
        return rows;
    }

    private static Interval Of(IReadOnlyList<SeedMeasurements> seeds, Func<SeedMeasurements, double> f) => Interval.Of([.. seeds.Select(f)]);
    private static Interval NonNegative(IReadOnlyList<SeedMeasurements> seeds, Func<SeedMeasurements, double> f) => Interval.OfNonNegative([.. seeds.Select(f)]);
    private static Interval Fractions(IEnumerable<double> values) => Interval.OfFraction([.. values]);

    private static IEnumerable<ClaimResult> Phases(IReadOnlyList<SeedMeasurements> seeds)
    {
        var fig2 = Presets.Find("fig2")!.Config;
        var t1 = TheoryPredictions.EscapeTime(fig2.M, fig2.Sigma, fig2.Eta);
        var root = Math.Sqrt(fig2.Eta);
        yield return Judge.Below("phase1-noise", "Label noise SGD shrinks the first layer (Phase I)", "min mean ‖w_i‖² / initial (fig2)",
            NonNegative(seeds, s => s.NoiseMinNormRatio), 0.5, "< 0.5", Positive);
        yield return Judge.Below("phase1-clean", "Plain SGD keeps the first layer's norms", "|final / initial mean ‖w_i‖² − 1| (fig2-clean)",
            NonNegative(seeds, s => s.CleanNormChange), 0.01, "< 0.01", Positive);
        var escaped = seeds.Where(s => s.NoiseEscapeStep is not null).Select(s => s.NoiseEscapeStep!.Value).ToList();
        yield return escaped.Count == seeds.Count
            ? Judge.Below("escape-noise", "Label noise SGD leaves the lazy regime by T1 (Theorem 2)", "step all neurons escaped (fig2)",
                Interval.OfNonNegative(escaped), t1, $"≤ T1 = {t1:G4}", Positive, $"measured/T1 = {escaped.Average() / t1:G3}")
            : new("escape-noise", "Label noise SGD leaves the lazy regime by T1 (Theorem 2)", "step all neurons escaped (fig2)",
                Interval.Of([double.NaN]), $"≤ T1 = {t1:G4}", ClaimVerdict.Fails, $"{seeds.Count - escaped.Count} seeds never escaped");
        var inTime = seeds.Count(s => s.NoiseEscapeStep is { } e && e <= t1);
        yield return Judge.Every("theorem2-per-seed", "Theorem 2: w.p. ≥ 1 − O(1/m) all neurons escape by T1", "fraction of seeds escaping by T1 (fig2)",
            Fractions(seeds.Select(s => s.NoiseEscapeStep is { } e && e <= t1 ? 1.0 : 0.0)), inTime == seeds.Count,
            $"every seed (1 − 1/m = {1 - 1.0 / fig2.M:G4})",
            $"{inTime} of {seeds.Count} seeds; with {seeds.Count} seeds a failure rate of order 1/m = {1.0 / fig2.M:G2} is unobservable, one late seed fails the row");
        yield return Judge.Below("escape-clean", "Plain SGD stays in the lazy regime (Definition 1)", "final max √m‖w_i(t) − w_i(0)‖ (fig2-clean)",
            NonNegative(seeds, s => s.CleanLazyStat), 1.0, "< 1", Positive);
        var phase2 = Judge.Above("phase2", "Phase II: after Phase I the neurons align with θ⋆", "final mean |cos(w_i, θ⋆)| (fig2)",
            Interval.OfFraction([.. seeds.Select(s => s.NoiseFinalCos)]), PhaseRules.AlignmentTarget, "≥ 0.9, after the norms halved in every seed", Fraction);
        yield return seeds.All(s => s.NoisePhasesInOrder) ? phase2 : phase2 with { Verdict = ClaimVerdict.Fails, Note = "alignment did not follow Phase I in every seed" };
        yield return Judge.Info("phase2-condition", "Phase II's entry condition (all ‖w_i‖, |a_i| ≤ √η) is reached", "fraction of seeds reaching it (fig2)",
            Fractions(seeds.Select(s => s.PhaseTwoConditionReached ? 1.0 : 0.0)), $"sufficient condition, √η = {root:G3}",
            "the analysis' sufficient condition; alignment does not wait for it here");
        yield return Judge.Below("identity", "Per-step identity Δ(‖w_i‖² − a_i²) = η²(a_i²‖g‖² − (w_i·g)²)", "max relative error above rounding (2,000 steps, m = 200)",
            NonNegative(seeds, s => s.IdentityMaxError), 1e-9, "≤ 1e-9", Positive);
    }

    private static IEnumerable<ClaimResult> Lemma3(IReadOnlyList<SeedMeasurements> presets, IReadOnlyList<SeedMeasurements> seeds, IReadOnlyList<Lemma3LawPoint> law)
    {
        var fig2 = Presets.Find("fig2")!.Config;
        var bound = TheoryPredictions.Lemma3PositiveBound(fig2.M, fig2.D);
        foreach (var row in presets.Count == 0 ? Enumerable.Empty<ClaimResult>() : Lemma3Pooled(presets, fig2, bound)) yield return row;
        foreach (var row in Lemma3PerNeuron(seeds, law)) yield return row;
    }

    private static IEnumerable<ClaimResult> Lemma3Pooled(IReadOnlyList<SeedMeasurements> seeds, RunConfig fig2, double bound)
    {
        yield return Judge.Above("lemma3-nonpositive", "Lemma 3: P(ΔW_i ≤ 0) ≥ 1 − ρ/m^(1/8) while lazy", "frequency over steps × lazy neurons (fig2, 2,000 steps)",
            Fractions(seeds.Select(s => s.Lemma3.NonPositiveRate)), 1 - bound, $"≥ {1 - bound:G3}", Fraction, $"at m = {fig2.M}, d = {fig2.D}: ρ/m^(1/8) = {bound:G3}");
        yield return Judge.Above("lemma3-strong", "Lemma 3: P(ΔW_i ≤ −(σ/4)²) ≥ 1/4 while lazy", "frequency over steps × lazy neurons (fig2, 2,000 steps)",
            Fractions(seeds.Select(s => s.Lemma3.StrongDecreaseRate)), TheoryPredictions.Lemma3StrongDecreaseProbability, "≥ 0.25", Fraction,
            "pooled over neurons: the lemma's per-neuron form is not tested by this row");
        yield return Judge.Below("lemma3-positive", "Lemma 3: P(ΔW_i > 0) ≤ ρ/m^(1/8) while lazy", "frequency over steps × lazy neurons (fig2, 2,000 steps)",
            Fractions(seeds.Select(s => s.Lemma3.PositiveRate)), bound, $"≤ {bound:G3}", Fraction, $"at m = {fig2.M}, d = {fig2.D}: ρ/m^(1/8) = {bound:G3}");
    }

    private static IEnumerable<ClaimResult> Lemma3PerNeuron(IReadOnlyList<SeedMeasurements> seeds, IReadOnlyList<Lemma3LawPoint> law)
    {
        foreach (var (d, m) in ClaimSettings.Lemma3PerNeuron)
        {
            var at = seeds.Select(s => s.Lemma3PerNeuron.FirstOrDefault(p => p.D == d && p.M == m)).Where(p => p is not null).Select(p => p!).ToList();
            if (at.Count == 0) continue;
            var b = TheoryPredictions.Lemma3PositiveBound(m, d);
            var fractions = at.Select(p => p.FractionAbove).ToList();
            yield return Judge.Below($"lemma3-pooled-d{d}", $"Lemma 3 pooled over neurons: P(ΔW > 0) ≤ ρ/m^(1/8) while lazy (d = {d}, m = {m})",
                "exact P(ΔW > 0) averaged over lazy neurons × records", Fractions(at.Select(p => p.Pooled)), b, $"≤ {b:G3}", Fraction,
                "the right test if the lemma's probability also runs over the initialisation");
            yield return Judge.Every($"lemma3-per-neuron-d{d}", $"Lemma 3 for every neuron: P(ΔW_i > 0) ≤ ρ/m^(1/8) while lazy (d = {d}, m = {m})",
                "fraction of lazy neurons × records whose exact P(ΔW_i > 0) exceeds the bound",
                Fractions(fractions), fractions.All(f => f == 0), $"0 (bound ρ/m^(1/8) = {b:G3})",
                $"exact over the n rows and both noise signs at steps {string.Join(", ", ClaimSettings.Lemma3Steps)}; max P = {at.Max(p => p.MaxProbability):G3}, pooled P = {at.Average(p => p.Pooled):G3}");
        }
        foreach (var d in law.Select(p => p.D).Distinct())
        {
            var points = law.Where(p => p.D == d && p.Pooled > 0).ToList();
            if (points.Count < 3) continue;
            var fit = PowerLawFit.Fit(["m"], [.. points.Select(p => (new[] { (double)p.M }, p.Pooled))])[0];
            yield return Judge.Info($"lemma3-law-d{d}", $"Lemma 3's bound ρ/m^(1/8) against the measured law in m (d = {d})",
                $"fitted exponent of pooled P(ΔW > 0) at initialisation, m ∈ {{{string.Join(", ", points.Select(p => p.M))}}}",
                new Interval(fit.Value, fit.Low, fit.High, points.Count), "the bound's −1/8",
                $"pooled P = {string.Join(", ", points.Select(p => $"{p.Pooled:G3} (m = {p.M})"))}; " +
                (fit.High < -0.125 ? "falls faster than the bound: the bound is loose in m" : "consistent with the bound's rate"));
        }
    }

    private static IEnumerable<ClaimResult> Mechanism(IReadOnlyList<SeedMeasurements> seeds)
    {
        var root = Math.Sqrt(Presets.Find("fig2")!.Config.Eta);
        yield return Judge.Within("drift", "The exact expected drift predicts the change of mean ‖w_i‖² − a_i²", "measured / predicted over 10,000 steps (fig2)",
            Of(seeds, s => s.DriftRatio), 1.0, 0.05, $"label noise's share of the prediction: {seeds.Average(s => s.DriftNoiseShare):G3} (the clean part's: {1 - seeds.Average(s => s.DriftNoiseShare):G3})");
        yield return Judge.Below("periodic", "Periodic label noise shrinks the norms only while it is on", "|change while off| / |change while on| (periodic)",
            NonNegative(seeds, s => s.PeriodicOffOnRatio), 0.01, "< 0.01", Positive);
        yield return Judge.Below("periodic-a-settles", "Periodic label noise: a oscillates while on and settles while off", "mean |Δ‖a‖| per record, off windows / on windows (periodic)",
            NonNegative(seeds, s => s.PeriodicASettleRatio), 0.25, "< 0.25", Positive, "records every 250 steps; intervals straddling a switch left out");
        yield return Judge.Below("oscillation", "Lemma 4: the oscillation simulation brings mean ‖w_i‖² below √η within 1/η² steps", "min mean ‖w_i‖² within 300,000 steps (oscillation)",
            NonNegative(seeds, s => s.OscillationMinNorm), root, $"< √η = {root:G3}", Positive);
        var sam = Judge.Above("sam", "SAM shows both phases (Fig. 4)", "final mean |cos(w_i, θ⋆)| (fig4-sam)",
            Interval.OfFraction([.. seeds.Select(s => s.SamFinalCos)]), 0.9, "≥ 0.9, with the norms halved", Fraction);
        yield return seeds.All(s => s.SamMinNormRatio < 0.5) ? sam : sam with { Verdict = ClaimVerdict.Fails, Note = "norms did not halve in every seed" };
        yield return Judge.Info("max-abs-a", "|a_i| stays small under label noise", "max over records and neurons of |a_i| (fig2)",
            NonNegative(seeds, s => s.NoiseMaxAbsA), $"start: max |a_i(0)| = {seeds.Average(s => s.NoiseInitialMaxAbsA):G3}; √η = {root:G3}",
            "the paper gives no bound with a constant, so this row cannot fail; it shows the scale");
    }

    private static IEnumerable<ClaimResult> LemmasFiveSix(IReadOnlyList<SeedMeasurements> seeds)
    {
        var c = ClaimSettings.PhaseTwoEntry(0, "gd");
        var norm = c.TeacherNorm;
        var (t2, t2Steps, t3) = (TheoryPredictions.AlignmentTime(c.Eta, norm), TheoryPredictions.AlignmentSteps(c.Eta, norm), TheoryPredictions.ConvergenceTime(c.Eta, norm));
        var target = TheoryPredictions.AlignmentTarget(c.Eta);
        var error = TheoryPredictions.ConvergenceError(c.Eta);
        var setting = $"m = {c.M}, ‖θ⋆‖ = m^(−1/4) = {norm:G3}, start with every ‖w_i‖, |a_i| ≤ √η";
        var constant = $"O(·) constant 1: the row can fail for any constant below {(1 - 0) / (Math.Log(1 / c.Eta) * Math.Sqrt(c.Eta)):G3}";
        foreach (var (id, name, pick) in new (string, string, Func<SeedMeasurements, PhaseTwoRun?>)[] { ("gd", "GD", s => s.Gd), ("sgd", "label noise SGD", s => s.LabelNoise) })
        {
            var runs = seeds.Select(pick).Where(r => r is not null).Select(r => r!).ToList();
            if (runs.Count == 0) continue;
            if (id == "gd")
                yield return Judge.Every("lemma5-entry", "The Lemma 5–6 runs start inside Phase II's entry condition", "fraction of seeds whose start meets it",
                    Fractions(runs.Select(r => r.EntryMet ? 1.0 : 0.0)), runs.All(r => r.EntryMet), "every seed", setting);
            var reached = runs.Where(r => r.TargetStep is not null).ToList();
            // The paper analyses Phase II with plain GD: its rows are claims; label noise SGD's are shown next to them.
            var paper = id == "gd";
            var alignNote = $"T2 as printed, ln(1/η)/‖θ⋆‖ = {t2:G3}, is continuous time (t = η·steps); mean |cos| there {runs.Average(r => r.MeanCosAtT2):G3}; " +
                            $"at T2 + T3 min {runs.Average(r => r.MinCosAtEnd):G3}, mean {runs.Average(r => r.MeanCosAtEnd):G3}";
            var alignClaim = $"Lemma 5 with {name}: after T2 every neuron has |cos(w_i, θ⋆)| ≥ 1 − O(ln(1/η)√η)";
            var alignStat = $"min |cos| after T2 = ln(1/η)/(η‖θ⋆‖) = {t2Steps:N0} steps";
            yield return paper
                ? Judge.Above($"lemma5-{id}-min-cos", alignClaim, alignStat, Fractions(runs.Select(r => r.MinCosAtT2)), target, $"≥ {target:G3}", Fraction, $"{alignNote}; {constant}")
                : Judge.Info($"lemma5-{id}-min-cos", alignClaim, alignStat, Fractions(runs.Select(r => r.MinCosAtT2)), $"≥ {target:G3} (the lemma is about GD)",
                    $"{alignNote}; the paper analyses Phase II with plain GD, label noise SGD is shown for comparison");
            yield return Judge.Info($"lemma5-{id}-T2", $"Lemma 5 with {name}: steps until every neuron reaches the target", "first record with min |cos| ≥ target",
                reached.Count == 0 ? Interval.Of([double.NaN]) : Interval.OfNonNegative([.. reached.Select(r => (double)r.TargetStep!.Value)]),
                $"T2 = {t2Steps:N0} steps", $"{reached.Count} of {runs.Count} seeds reached it within T2 + T3 = {t2Steps + t3:N0} steps");
            var errorClaim = $"Lemma 6 with {name}: after a further T3 steps ‖θ − θ⋆‖ ≤ O(η ln(1/η))";
            var errorStat = $"‖θ − θ⋆‖ after T2 + T3 = {t2Steps + t3:N0} steps (T3 = ln(1/η)/(η‖θ⋆‖²) is in steps)";
            yield return paper
                ? Judge.Below($"lemma6-{id}-error", errorClaim, errorStat, Interval.OfNonNegative([.. runs.Select(r => r.ErrorAtT3)]), error, $"≤ η ln(1/η) = {error:G3}", Positive, "O(·) constant 1")
                : Judge.Info($"lemma6-{id}-error", errorClaim, errorStat, Interval.OfNonNegative([.. runs.Select(r => r.ErrorAtT3)]), $"≤ η ln(1/η) = {error:G3} (the lemma is about GD)",
                    "label noise keeps θ fluctuating around θ⋆ at a level set by σ and η, not by η ln(1/η)");
        }
    }

    private static IEnumerable<ClaimResult> Attribution(IReadOnlyList<SeedMeasurements> seeds, bool quick)
    {
        var runs = seeds.Select(s => s.Attribution).Where(a => a is not null).Select(a => a!).ToList();
        if (runs.Count == 0) yield break;
        var (from, steps) = (runs[0].BranchStep, runs[0].Steps);
        var summary = $"from mean |cos| {runs.Average(a => a.StartCos):G3} at step {from:N0}: off {runs.Average(a => a.OffCos):G3}, on {runs.Average(a => a.OnCos):G3}, periodic {runs.Average(a => a.PeriodicCos):G3}";
        yield return Judge.Above("phase2-attribution", "Phase II's alignment is driven by the label noise at fig2's parameters",
            $"mean |cos| gain, noise on − noise off, over {steps:N0} steps after Phase I (fig2 branched at step {from:N0})",
            Of(seeds.Where(s => s.Attribution is not null).ToList(), s => s.Attribution!.OnCos - s.Attribution!.OffCos), 0.1, "≥ 0.1", (-1, 1), summary);
        // A gain, not the 0.9 target: over the quick suite's 250,000 steps even constant noise stays
        // below 0.9, so an absolute target would fail for the horizon's sake, not the mechanism's.
        yield return Judge.Above("phase2-attribution-off", "After Phase I, plain SGD (the GD mechanism the paper analyses) aligns the neurons",
            $"mean |cos| gain over {steps:N0} steps with the noise off (fig2 branched at step {from:N0})",
            Of(seeds.Where(s => s.Attribution is not null).ToList(), s => s.Attribution!.OffCos - s.Attribution!.StartCos), 0.1, "≥ 0.1, as label noise gains", (-1, 1),
            $"{summary}; label noise's gain over the same steps: {runs.Average(a => a.OnCos - a.StartCos):G3}");
        yield return Judge.Info("phase2-attribution-periodic", "After Phase I, periodic label noise (5,000 on / 5,000 off)",
            $"mean |cos| after {steps:N0} steps (fig2 branched at step {from:N0})", Interval.OfFraction([.. runs.Select(a => a.PeriodicCos)]),
            "between off and on", $"half the noise steps; its gain is {Ratio(runs.Average(a => a.PeriodicCos - a.StartCos), runs.Average(a => a.OnCos - a.StartCos))} of constant noise's");
    }

    private static string Ratio(double part, double whole) => whole != 0 ? (part / whole).ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    private static IEnumerable<ClaimResult> NoiseTypes(IReadOnlyList<SeedMeasurements> seeds, bool quick)
    {
        var measured = seeds.Where(s => s.NoiseTypes is not null).ToList();
        if (measured.Count == 0) yield break;
        var base0 = ClaimSettings.NoiseTypeBase(0);
        var leg = ClaimSettings.NoiseTypePhaseTwoSteps(quick);
        NoiseTypeRun Of(SeedMeasurements s, string name) => s.NoiseTypes!.First(t => t.Name == name);
        Interval Ratio(string name) => Interval.OfNonNegative([.. measured.Select(s => Of(s, name).MinNormRatio)]);
        Interval Gain(string name) => Interval.Of([.. measured.Select(s => Of(s, name).CosGain)]);
        var where = $"fig2 at m = {base0.M}, {measured.Count} seeds";
        string P1(string name) => $"min mean ‖w_i‖² / initial over {base0.Steps:N0} steps from Eq. 5 ({where})";
        string P2(string name) => $"mean |cos| gain over {leg:N0} steps from label noise's state after Phase I ({where})";
        string Final(string name) => $"final mean |cos| {measured.Average(s => Of(s, name).FinalCos):G3}";
        foreach (var (name, description, _) in ClaimSettings.NoiseTypes)
        {
            var (p1, p2) = name switch
            {
                "label" => (Judge.Below("noise-type-label-phase1", $"Label noise ({description}) produces Phase I", P1(name), Ratio(name), 0.5, "< 0.5", Positive),
                            Judge.Above("noise-type-label-phase2", $"Label noise ({description}) produces Phase II", P2(name), Gain(name), 0.1, "≥ 0.1", (-1, 1), Final(name))),
                "minibatch" => (Judge.Above("noise-type-minibatch-phase1", $"Mini-batch noise alone ({description}) does not shrink the norms", P1(name), Ratio(name), 0.9, "≥ 0.9", Positive),
                                Judge.Below("noise-type-minibatch-phase2", $"Mini-batch noise alone ({description}) does not align the neurons", P2(name), Gain(name), 0.1, "< 0.1", (-1, 1), Final(name))),
                "langevin" => (Judge.Above("noise-type-langevin-phase1", $"Isotropic noise ({description}) does not shrink the norms", P1(name), Ratio(name), 0.9, "≥ 0.9", Positive),
                               Judge.Below("noise-type-langevin-phase2", $"Isotropic noise does not align the neurons (HaoChen et al. 2021)", P2(name), Gain(name), 0.1, "< 0.1", (-1, 1), Final(name))),
                _ => (Judge.Info($"noise-type-{name}-phase1", $"Label noise without mini-batch noise ({description}): Phase I?", P1(name), Ratio(name), "Phase I: < 0.5",
                          "its gradient noise per step has 1/n of batch-1 label noise's variance; no claim"),
                      Judge.Info($"noise-type-{name}-phase2", $"Label noise without mini-batch noise ({description}): Phase II?", P2(name), Gain(name), "Phase II: ≥ 0.1", Final(name))),
            };
            yield return p1;
            yield return p2;
        }
    }

    private static IEnumerable<ClaimResult> Outcomes(IReadOnlyList<SeedMeasurements> seeds)
    {
        yield return Judge.Below("sparsity", "Label noise makes the first layer sparser (lower effective rank) than plain SGD", "effective rank tr(G)²/tr(G²) of W, G = WᵀW: fig2 / fig2-clean",
            NonNegative(seeds, s => s.EffectiveRank.Noise / s.EffectiveRank.Clean), 0.5, "< 0.5", Positive,
            $"effective rank {seeds.Average(s => s.EffectiveRank.Noise):G3} vs {seeds.Average(s => s.EffectiveRank.Clean):G3}; neuron-norm participation {seeds.Average(s => s.Participation.Noise):G3} vs {seeds.Average(s => s.Participation.Clean):G3}");
        yield return Judge.Below("test-loss-overparam", "Label noise ends with a lower clean test loss than plain SGD when n < d", "test loss(label noise) − test loss(clean), n = 30, d = 60, each averaged over the last fifth of the run (plain SGD stands still once it interpolates: its run stops there)",
            Of(seeds, s => s.OverparamTestGap), 0.0, "< 0", Real);
        yield return Judge.Info("test-loss-fig2", "Label noise vs plain SGD test loss on fig2 (n = 200 > d = 20)", "test loss(label noise) − test loss(clean), each averaged over the last fifth of the run",
            Of(seeds, s => s.ReferenceTestGap), "none: θ⋆ is the unique interpolator",
            "plain SGD recovers θ⋆ exactly; label noise leaves a stationary fluctuation");
    }

    /// <summary>Condition 1 (A1–A6) for every preset, as one info row: the presets are outside it, and the experiments show the phases anyway.</summary>
    public static ClaimResult Condition1()
    {
        var presets = Condition1PerPreset();
        var met = presets.Count(p => !Assumptions.Failing(p.Checks).Any());
        var eta = Presets.Find("fig2")!.Config.Eta;
        return Judge.Info("condition1", "Condition 1 (A1–A6) holds for the presets", "presets meeting every decided assumption",
            new Interval(met, met, met, presets.Count), $"{presets.Count} of {presets.Count}",
            $"{string.Join("; ", presets.Select(p => $"{p.Preset}: fails {string.Join(", ", Assumptions.Failing(p.Checks).Select(a => a.Name).DefaultIfEmpty("none decided"))}"))}. " +
            $"A2 (η ≤ 1/C^96) allows only C ≤ η^(−1/96) = {Assumptions.LargestConstant(eta):G4} at η = {eta:G3}; " +
            "A5, A6 name no constant. A sufficient condition: the phases appear outside it");
    }

    /// <summary>Condition 1's checks for every preset (its problem drawn from the preset's seed).</summary>
    public static IReadOnlyList<(string Preset, IReadOnlyList<AssumptionCheck> Checks)> Condition1PerPreset() =>
        [.. Presets.All.Select(p =>
        {
            var c = p.Config;
            Problems.Teacher teacher = c.Teacher == "sparse" ? new Problems.Teacher.Sparse(c.TeacherK) : new Problems.Teacher.Dense();
            var problem = Problems.SyntheticProblem.Generate(c.N, c.NTest, c.D, teacher, c.TeacherNorm, c.Seed);
            return (p.Name, (IReadOnlyList<AssumptionCheck>)Assumptions.Check(problem, c.M, c.Eta));
        })];

    private static IEnumerable<ClaimResult> Scaling(IReadOnlyList<EscapePoint> escapes)
    {
        if (escapes.Count == 0) yield break;
        var reached = escapes.Count(e => e.EscapeStep is not null);
        yield return Judge.Every("escape-by-T1", "Theorem 2 across the grid: every run escapes by T1", "fraction of grid runs escaped by T1",
            Interval.Of([(double)reached / escapes.Count]), reached == escapes.Count, "= 1");
        if (reached < 5) yield break;
        var theory = new Dictionary<string, double> { ["sigma"] = -2, ["eta"] = -2, ["m"] = -0.5 };
        foreach (var e in PowerLawFit.Fit(["sigma", "eta", "m"],
                     [.. escapes.Where(p => p.EscapeStep > 0).Select(p => (new[] { p.Sigma, p.Eta, (double)p.M }, (double)p.EscapeStep!.Value))]))
            yield return Judge.Info($"exponent-{e.Name}", $"Escape step ∝ {e.Name}^α (T1: α = {theory[e.Name]:G2})", $"fitted α over {reached} runs",
                new Interval(e.Value, e.Low, e.High, reached), $"T1's {theory[e.Name]:G2}",
                e.Low <= theory[e.Name] && theory[e.Name] <= e.High ? "agrees with T1" : "differs from T1");
    }
}
