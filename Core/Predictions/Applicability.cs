using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Predictions;

/// <summary>Which configs the limiting-flow theory covers (docs/prediction.md §8).</summary>
public static class Applicability
{
    /// <summary>Null when the prediction applies; else one line saying why it does not.</summary>
    public static string? Refusal(RunConfig c) =>
        c.Optimizer is "sam" or "sam-gd" ? $"the limiting flow covers label noise SGD and GD, not SAM (optimizer={c.Optimizer}): SAM's implicit regulariser is a different one"
        : c.Optimizer == "oscillation" ? "the limiting flow covers label noise SGD and GD, not the oscillation simulation (optimizer=oscillation): its a is not a gradient step"
        : c.Optimizer is not ("sgd" or "gd") ? $"the limiting flow covers label noise SGD and GD, not optimizer={c.Optimizer}"
        : c.Schedule != "constant" ? $"the limiting flow assumes a constant noise level, not schedule={c.Schedule}"
        : c.TeacherNorm == 0 ? "the limiting flow needs θ⋆ ≠ 0 (teacher_norm=0): Γ is singular at its minimiser"
        : null;
}
