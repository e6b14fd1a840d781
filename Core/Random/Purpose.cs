namespace Lnsgd.Core.Random;

/// <summary>
/// What a draw is for. The purpose is the second key word, so draws for different purposes
/// never share a Philox stream. The numbers are part of the replay contract: never renumber.
/// </summary>
public enum Purpose : ulong
{
    /// <summary>Training inputs x_i: counter (i, j).</summary>
    TrainInputs = 1,
    /// <summary>Test inputs: counter (i, j).</summary>
    TestInputs = 2,
    /// <summary>Teacher θ⋆ entries (counter (0, j)) and sparse support choice (counter (1, j)).</summary>
    Teacher = 3,
    /// <summary>First layer W(0): counter (i, j).</summary>
    InitW = 4,
    /// <summary>Second layer a(0): counter (i, 0).</summary>
    InitA = 5,
    /// <summary>Sampled training row of batch slot b at step t: counter (t, b).</summary>
    SampleIndex = 6,
    /// <summary>Label noise of batch slot b (or sample i for full batch) at step t: counter (t, b).</summary>
    LabelNoise = 7,
    /// <summary>Oscillation simulation: Markov move of neuron i at step t: counter (t, i).</summary>
    Oscillation = 8,
    /// <summary>Class label noise of training row i at step t (nonlinear runs): counter (t, i); word 0 decides the flip, word 1 the new class. Fixed noise uses t = 0.</summary>
    ClassNoise = 9,
    /// <summary>Biases of a nonlinear network: hidden b_i at counter (0, i), output c_k at counter (1, k).</summary>
    InitBias = 10,
    /// <summary>Dataset subset selection: sort key of image i of split s (0 train, 1 test) at counter (s, i).</summary>
    DataSubset = 11,
    /// <summary>Epoch shuffling: the Fisher–Yates draw for position i of epoch e at counter (e, i).</summary>
    EpochShuffle = 12,
    /// <summary>Isotropic parameter noise (Langevin): neuron i's normals 2q, 2q+1 at step t from counter (t, i·⌈(d+1)/2⌉ + q), Box–Muller cosine then sine; W_ij is normal j, a_i normal d.</summary>
    ParameterNoise = 13,
    /// <summary>The neurons a run snapshots (<c>snapshot_neurons</c>): draw j of Floyd's sampling at counter (0, j).</summary>
    NeuronSample = 14,
}
