using Lnsgd.Core.Interchange;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The <c>--export-npz</c> files of a run folder: <c>problem.npz</c>, <c>tape.npz</c> and, when
/// the run finished, <c>final.npz</c>. Stored (uncompressed) like <c>np.savez</c>.
/// </summary>
public static class NpzExport
{
    /// <summary>Each file's name and writer, in the order they are written.</summary>
    public static IReadOnlyList<(string Name, Action<Stream> Write)> Files(RunSpec spec, Trajectory trajectory)
    {
        var files = new List<(string, Action<Stream>)>
        {
            ("problem.npz", s => Npz.Write(s, RunArrays.Problem(spec.Problem, spec.Initial))),
            ("tape.npz", s => Npz.Write(s, RunArrays.Tape(spec))),
        };
        // A diverged run has no final weights; its tape still lets numpy replay it to the divergence.
        if (trajectory.Final is { } final) files.Add(("final.npz", s => Npz.Write(s, RunArrays.Weights(final))));
        return files;
    }
}
