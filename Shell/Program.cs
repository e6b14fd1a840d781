using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Commands;

namespace Lnsgd.Shell;

/// <summary>The <c>lnsgd</c> entry point: dispatches a verb and maps failures to exit codes.</summary>
public static class Program
{
    /// <summary>Runs <c>lnsgd</c> with <paramref name="args"/>.</summary>
    public static int Main(string[] args)
    {
        WriteFailure.IgnoreFileSizeSignal();
        return Dispatch(args, Console.Out, Console.Error);
    }

    /// <summary>Runs one command line; usable from tests.</summary>
    public static int Dispatch(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var rest = args.Skip(1).ToList();
            switch (args.Count == 0 ? "help" : args[0])
            {
                case "run": return RunCommand.Execute(rest, stdout, stderr);
                case "verify": return VerifyCommand.Execute(rest, stdout, stderr);
                case "resume": return ResumeCommand.Execute(rest, stdout, stderr);
                case "replay": return ReplayCommand.Execute(rest, stdout, stderr);
                case "reproduce": return ReproduceCommand.Execute(rest, stdout);
                case "bench": return BenchCommand.Execute(rest, stdout);
                case "sweep": return SweepCommand.Execute(rest, stdout, stderr);
                case "collect": return CollectCommand.Execute(rest, stdout);
                case "real": return RealCommand.Execute(rest, stdout, stderr);
                case "presets": stdout.Write(PresetsCommand.Text()); return 0;
                case "help" or "--help" or "-h": stdout.Write(HelpText.Overview()); return 0;
                default: throw new UsageError($"unknown command '{args[0]}' (commands: run, resume, replay, reproduce, verify, bench, sweep, collect, real, presets, help)");
            }
        }
        catch (UsageError e)
        {
            stderr.WriteLine($"lnsgd: {e.Message}");
            return 2;
        }
        // A full disk, a full quota or the file-size limit: not bad input; exit 4 says "free some space".
        catch (Exception e) when (WriteFailure.Is(e))
        {
            stderr.WriteLine($"lnsgd: cannot write: {new UsageError(e.Message).Message} (the disk, a quota or the file-size limit is full; exit {WriteFailure.ExitCode})");
            return WriteFailure.ExitCode;
        }
        // A file the system refuses (permissions, a folder where a file should be) is bad input too.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lnsgd: {new UsageError(e.Message).Message}");
            return 2;
        }
        // Never a stack trace: one line, exit 1, so scripts and users see what broke.
        catch (Exception e)
        {
            stderr.WriteLine($"lnsgd: internal error: {e.GetType().Name}: {new UsageError(e.Message).Message}");
            return 1;
        }
    }
}
