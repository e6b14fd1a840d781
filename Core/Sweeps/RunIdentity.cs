using System.Security.Cryptography;
using System.Text;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// The identity of a run: SHA-256 of its canonical config text. The text is built from the
/// resolved config in schema order, so it cannot depend on how the spec ordered its keys or
/// axes, and equal configs get equal ids however they were written.
/// </summary>
public static class RunIdentity
{
    /// <summary>Hex digits of the hash used as the run's id and folder name (64 bits: collisions are negligible for any sweep).</summary>
    public const int IdLength = 16;

    /// <summary>
    /// One <c>key=value\n</c> line per key whose value differs from the built-in default, in
    /// schema order, values as <see cref="ConfigSchema.Describe"/> shows them. Defaults are left
    /// out so that a later version which adds a key (with a default that keeps the old
    /// behaviour) keeps every existing id, and finished runs stay finished.
    /// </summary>
    public static string Canonical(RunConfig config)
    {
        var defaults = ConfigSchema.Describe(new RunConfig());
        var sb = new StringBuilder();
        foreach (var ((key, value), (_, fallback)) in ConfigSchema.Describe(config).Zip(defaults))
            // With eta_relative set, eta is derived from it (resolved into the manifest): not part of the identity.
            if (value != fallback && !(key == "eta" && config.EtaRelative is not null)) sb.Append(key).Append('=').Append(value).Append('\n');
        return sb.ToString();
    }

    /// <summary>SHA-256 (lower-case hex) of the UTF-8 bytes of <see cref="Canonical"/>.</summary>
    public static string Hash(RunConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(config))));

    /// <summary>The id (folder name) of a full hash.</summary>
    public static string IdOf(string hash) => hash[..IdLength];
}
