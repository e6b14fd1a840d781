using System.Text;
using Lnsgd.Core.Simulation;

namespace Lnsgd.Shell.Commands;

/// <summary><c>lnsgd presets</c>: every preset with every value that differs from the defaults, and the defaults.</summary>
public static class PresetsCommand
{
    /// <summary>The listing text.</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        var defaults = ConfigSchema.Describe(new RunConfig());
        sb.Append("defaults: ").AppendJoin(' ', defaults.Select(kv => $"{kv.Key}={kv.Value}")).Append('\n');
        foreach (var preset in Presets.All)
        {
            var values = ConfigSchema.Describe(preset.Config);
            sb.Append('\n').Append(preset.Name).Append("  ").Append(preset.Description).Append('\n');
            sb.Append("  ").AppendJoin(' ', values.Select(kv => $"{kv.Key}={kv.Value}")).Append('\n');
        }
        return sb.ToString();
    }
}
