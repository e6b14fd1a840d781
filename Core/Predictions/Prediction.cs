namespace Lnsgd.Core.Predictions;

/// <summary>
/// Where the network settles (docs/prediction.md §5): the closed-form minimiser of R on Γ, or
/// null where it does not exist (X of rank below d, θ⋆ = 0).
/// </summary>
public sealed record Endpoint(double? MeanWSq, double? ANormSq, double? WFrob, double? Regulariser);

/// <summary>
/// The stationary state at the endpoint (docs/prediction.md §6): E‖θ − θ⋆‖² and the time-averaged
/// clean losses (the fluctuation plus the mean residual), and how far E[θ] falls short of θ⋆
/// along θ⋆ (<see cref="MeanResidual.Shrinkage"/>).
/// </summary>
public sealed record Stationary(double? ThetaErrSq, double? TrainLoss, double? TestLoss, double? ThetaShrinkage);

/// <summary>
/// Predicted steps of the corrected flow (docs/prediction.md §7): first and last neuron leaving
/// Definition 1's ball, mean ‖w_i‖² at half its start, mean |cos| crossing 0.5 and 0.9. Null
/// when the event does not happen within the run's steps.
/// </summary>
public sealed record Milestones(double? EscapeFirst, double? EscapeAll, double? Phase1Half, double? Cos05, double? Cos09);

/// <summary>
/// Everything <c>lnsgd predict</c> reports for a config: both flows' curves, the endpoint, the
/// stationary fluctuation, the milestones, Theorem 2's bound T1 next to them, and the noise
/// amplification factor tr Σ̃ / (σ_b² tr Σ̂) at the start of the flow.
/// </summary>
public sealed record Prediction(
    Endpoint Endpoint, Stationary Stationary, Milestones Steps, double TheoremT1, double NoiseFactorAtStart,
    PredictionCurve Limit, PredictionCurve Corrected);
