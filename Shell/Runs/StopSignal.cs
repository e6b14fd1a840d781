using System.Runtime.InteropServices;

namespace Lnsgd.Shell.Runs;

/// <summary>
/// The flag a run polls between steps. <see cref="Listen"/> turns the first SIGINT or SIGTERM
/// into a request to stop after the current step (the run then writes its checkpoint and exits
/// 130 or 143); a second signal gets the default handling, so an impatient user can still kill it.
/// Every file is written atomically, so even that leaves no half-written file behind.
/// </summary>
public sealed class StopSignal : IDisposable
{
    /// <summary>Exit code after SIGINT (128 + 2).</summary>
    public const int InterruptExit = 130;
    /// <summary>Exit code after SIGTERM (128 + 15).</summary>
    public const int TerminateExit = 143;

    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly long _atStep;
    private volatile int _exitCode;

    private StopSignal(long atStep) => _atStep = atStep;

    /// <summary>Never stops.</summary>
    public static StopSignal None() => new(-1);

    /// <summary>Stops before step <paramref name="step"/> as if SIGTERM had arrived during the step before (for tests).</summary>
    public static StopSignal AtStep(long step) => new(step);

    /// <summary>Listens for SIGINT and SIGTERM until disposed (where the platform has them).</summary>
    public static StopSignal Listen()
    {
        var stop = new StopSignal(-1);
        foreach (var (signal, code) in new[] { (PosixSignal.SIGINT, InterruptExit), (PosixSignal.SIGTERM, TerminateExit) })
        {
            try { stop._registrations.Add(PosixSignalRegistration.Create(signal, context => stop.Raise(context, code))); }
            catch (PlatformNotSupportedException) { }
        }
        return stop;
    }

    /// <summary>Whether the run should stop before taking step <paramref name="step"/>.</summary>
    public bool Requested(long step)
    {
        if (_exitCode == 0 && step == _atStep) _exitCode = TerminateExit;
        return _exitCode != 0;
    }

    /// <summary>130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => _exitCode == 0 ? TerminateExit : _exitCode;

    /// <summary>The signal's name, for messages.</summary>
    public string Name => ExitCode == InterruptExit ? "SIGINT" : "SIGTERM";

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _registrations.Clear();
    }

    private void Raise(PosixSignalContext context, int code)
    {
        if (_exitCode != 0) return;  // a second signal: default handling ends the process
        _exitCode = code;
        context.Cancel = true;
    }
}
