using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Commands;

namespace Lnsgd.Shell;

/// <summary>The <c>lnsgd</c> entry point: dispatches a verb of <see cref="CommandTable"/> and maps failures to exit codes.</summary>
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
            // No command is bad input (exit 2, like an unknown one); the overview goes to stderr
            // so a script that forgot its verb does not read the usage text as output.
            if (args.Count == 0) { stderr.Write(CommandTable.Overview()); return 2; }
            switch (args[0])
            {
                case "--version" or "-V": stdout.WriteLine(VersionInfo.Line); return 0;
                case "--help" or "-h": stdout.Write(CommandTable.Overview()); return 0;
            }
            var command = CommandTable.Require(args[0]);
            var rest = args.Skip(1).ToList();
            // -h and --help anywhere before "--" ask for the command's help, never for a preset named "-h".
            if (rest.TakeWhile(a => a != "--").Any(a => a is "-h" or "--help")) { stdout.Write(command.Help()); return 0; }
            return command.Execute(rest, stdout, stderr);
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
