namespace Lnsgd.Shell.Commands;

// Each command keeps its option sets beside its parser; these accessors hand the same sets to
// the command table (help, suggestions, completion), so an option added there is seen here.

public static partial class RunCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class ResumeCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class ReplayCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class ReproduceCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class VerifyCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class BenchCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class SweepCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class CollectCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class RealCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class PresetsCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}

public static partial class PredictCommand
{
    internal static IReadOnlySet<string> Values => ValueOptions;
    internal static IReadOnlySet<string> Flags => FlagOptions;
}
