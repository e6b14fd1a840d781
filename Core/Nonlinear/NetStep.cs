namespace Lnsgd.Core.Nonlinear;

/// <summary>The result of one step: the new model and the loss of the batch before the step (on its noisy targets).</summary>
public sealed record StepResult(Model Next, double BatchLoss);

/// <summary>
/// One training step as a pure function: <c>next = Step(model, batch, targets)</c>. The batch's
/// rows and (noisy) targets come from <see cref="Batching"/> and <see cref="TargetNoise"/>, pure
/// functions of (seed, step), so a run is a fold of this function.
/// </summary>
public static class NetStep
{
    /// <summary>
    /// Moves <paramref name="model"/> by <paramref name="optimiser"/> on the inputs <paramref name="x"/>
    /// (rows×d) with <paramref name="targets"/> (rows×c). <paramref name="origin"/> optionally gives
    /// θ0's forward pass on <paramref name="x"/> for a linearised model.
    /// </summary>
    public static StepResult Step(Model model, double[] x, int rows, double[] targets, Loss loss, NetOptimiser optimiser,
        ForwardPass? origin = null, int threads = 0)
    {
        var c = targets.Length / Math.Max(1, rows);
        var (outputs, pass) = model.Evaluate(x, rows, origin, threads);
        var value = loss.Value(outputs, targets, rows, c);
        var grad = model.Pullback(x, pass, loss.Gradient(outputs, targets, rows, c), threads);
        if (optimiser.Ascent is Training.Ascent.Sam sam && sam.Rho != 0.0)
        {
            var coefficient = sam.Coefficient(Parameters.Norm(grad));
            if (coefficient != 0.0)
            {
                var ascended = model.Moved(coefficient, grad);
                // The linearised model's Jacobian point stays θ0, so θ0's pass serves the ascended point too.
                var (o2, p2) = ascended.Evaluate(x, rows, model is Model.Linearised ? pass : null, threads);
                grad = ascended.Pullback(x, p2, loss.Gradient(o2, targets, rows, c), threads);
            }
        }
        return new StepResult(model.Moved(-optimiser.Eta, grad), value);
    }
}
