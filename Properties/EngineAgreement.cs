using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties;

/// <summary>The dense and gram engines run a spec to the same final network, to 1e-9 of its largest weights (or both diverge).</summary>
internal static class EngineAgreement
{
    public static bool FinalNetworksAgree(RunSpec spec)
    {
        var dense = Simulation.Collect(spec, Engine.Dense);
        var gram = Simulation.Collect(spec, Engine.Gram);
        if (dense.Final is null || gram.Final is null) return (dense.Final is null) == (gram.Final is null);
        var scale = dense.Final.W.Max(Math.Abs) + dense.Final.A.Max(Math.Abs);
        return dense.Final.W.Zip(gram.Final.W).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * scale)
            && dense.Final.A.Zip(gram.Final.A).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * scale);
    }
}
