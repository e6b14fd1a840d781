namespace Lnsgd.Core.Claims;

/// <summary>
/// One grid point of the escape-time study: the first record at which every neuron had left the
/// lazy regime, and the first at which some neuron had (null: not before T1).
/// </summary>
public sealed record EscapePoint(double Sigma, double Eta, int M, ulong Seed, long? EscapeStep, double TheoryT1, long? FirstEscapeStep = null);

/// <summary>Lemma 3's pooled P(ΔW &gt; 0) at the initialisation of one (d, m), exactly enumerated (the law in m).</summary>
public sealed record Lemma3LawPoint(int D, int M, double Pooled);
