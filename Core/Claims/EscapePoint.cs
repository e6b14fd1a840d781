namespace Lnsgd.Core.Claims;

/// <summary>One grid point of the escape-time study and the step at which every neuron had left the lazy regime.</summary>
public sealed record EscapePoint(double Sigma, double Eta, int M, ulong Seed, long? EscapeStep, double TheoryT1);

/// <summary>Lemma 3's pooled P(ΔW &gt; 0) at the initialisation of one (d, m), exactly enumerated (the law in m).</summary>
public sealed record Lemma3LawPoint(int D, int M, double Pooled);
