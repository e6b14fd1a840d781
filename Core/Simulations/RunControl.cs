namespace Lnsgd.Core.Simulations;

/// <summary>
/// How a run is driven from outside, without the core touching the OS: where it starts, how
/// often it hands out a checkpoint, and when to stop early. The default runs from step 0 to
/// the end with neither.
/// </summary>
public sealed record RunControl
{
    /// <summary>Continue from this checkpoint instead of step 0 (it must pass <see cref="Checkpoint.Check"/>).</summary>
    public Checkpoint? From { get; init; }

    /// <summary>Emit <see cref="RunEvent.Checkpointed"/> before every step that is a positive multiple of this (0 = never).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>
    /// Asked before each step t is taken (after step t − 1 has finished); true ends the run with
    /// <see cref="RunEvent.Stopped"/> holding a checkpoint at t. A signal handler's flag, typically.
    /// </summary>
    public Func<long, bool>? StopBefore { get; init; }

    /// <summary>
    /// Also emit <see cref="RunEvent.Checkpointed"/> at the last step, before its records: the state
    /// a run can be resumed from if it is stopped while its final files are being written.
    /// </summary>
    public bool CheckpointAtEnd { get; init; }

    /// <summary>Run from the start to the end, no checkpoints.</summary>
    public static RunControl None { get; } = new();

    /// <summary>Whether the run must keep what it recorded so far, to put it into checkpoints.</summary>
    internal bool KeepsRecords => CheckpointEvery > 0 || StopBefore is not null || From is not null || CheckpointAtEnd;
}
