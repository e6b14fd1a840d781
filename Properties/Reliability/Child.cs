using System.Diagnostics;
using System.Runtime.InteropServices;
using Lnsgd.Shell;

namespace Lnsgd.Properties.Reliability;

/// <summary>
/// <c>lnsgd</c> as a user runs it, in a child process (the built <c>lnsgd.dll</c> beside the
/// tests), for the cases that take two processes, a signal, a working folder or a resource limit;
/// and in-process, for the rest.
/// </summary>
internal sealed class Child : IDisposable
{
    private readonly List<string> _stderr = [];

    public Process Process { get; }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "lnsgd.dll");

    private Child(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, _) => { };
        Process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_stderr) _stderr.Add(line); };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>dotnet lnsgd.dll ARGS</c> in <paramref name="cwd"/> (default: the test's).</summary>
    public static Child Start(string[] args, string? cwd = null) =>
        new(new ProcessStartInfo("dotnet", [Dll, .. args]) { WorkingDirectory = cwd ?? Environment.CurrentDirectory });

    /// <summary>Starts it under <c>bash -c 'PREFIX; exec dotnet lnsgd.dll ARGS'</c> (e.g. a ulimit).</summary>
    public static Child StartUnder(string prefix, string[] args, IDictionary<string, string>? environment = null)
    {
        var command = $"{prefix}; exec dotnet {Quote(Dll)} {string.Join(' ', args.Select(Quote))}";
        var start = new ProcessStartInfo("bash", ["-c", command]);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return new(start);
    }

    /// <summary>Runs to the end (killed after <paramref name="seconds"/>); returns exit code and stderr.</summary>
    public static (int Code, string Stderr) Run(string[] args, string? cwd = null, int seconds = 120)
    {
        using var child = Start(args, cwd);
        return (child.Finish(seconds), child.Stderr);
    }

    /// <summary>Runs one command line in this process: exit code and stderr.</summary>
    public static (int Code, string Stderr) InProcess(params string[] args)
    {
        var stderr = new StringWriter();
        var code = Program.Dispatch(args, TextWriter.Null, stderr);
        return (code, stderr.ToString());
    }

    public string Stderr { get { lock (_stderr) return string.Join('\n', _stderr); } }

    /// <summary>Waits for the exit; a child that hangs past <paramref name="seconds"/> is killed and the test fails.</summary>
    public int Finish(int seconds = 120)
    {
        if (!Process.WaitForExit(seconds * 1000)) { Process.Kill(entireProcessTree: true); throw new TimeoutException($"lnsgd hung for {seconds} s"); }
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false if the child ended first.</summary>
    public bool Await(Func<bool> condition, int seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (Process.HasExited) return condition();
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"condition not met within {seconds} s");
            Thread.Sleep(2);
        }
        return true;
    }

    /// <summary>Sends a POSIX signal; false if the process is gone.</summary>
    public bool Signal(int signal) => !Process.HasExited && Kill(Process.Id, signal) == 0;

    public void Dispose()
    {
        if (!Process.HasExited) { try { Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        Process.Dispose();
    }

    public static bool Posix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
