using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lnsgd.Shell.Output;

/// <summary>
/// The JSON the CLI writes (<c>--json</c> outputs, manifests, provenance): one object, indented
/// or on one line, '\n' line ends; config values typed (numbers as numbers, true/false as
/// booleans, the rest as strings), so a reader never has to parse <c>"0.001"</c>.
/// </summary>
public static class JsonText
{
    /// <summary>One JSON object built by <paramref name="body"/>, followed by a newline.</summary>
    public static string Object(Action<Utf8JsonWriter> body, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>A value shown as text, written with its type: a finite number, a boolean, or a string.</summary>
    public static void Typed(Utf8JsonWriter w, string key, string value)
    {
        w.WritePropertyName(key);
        TypedValue(w, value);
    }

    /// <summary>As <see cref="Typed"/>, as an array element or after a property name.</summary>
    public static void TypedValue(Utf8JsonWriter w, string value)
    {
        if (IsNumber(value)) w.WriteRawValue(value);
        else if (value is "true" or "false") w.WriteBooleanValue(value == "true");
        else w.WriteStringValue(value);
    }

    /// <summary>A double, or null when it is not finite (JSON has no NaN or infinity).</summary>
    public static void Number(Utf8JsonWriter w, string key, double value)
    {
        if (double.IsFinite(value)) { w.WritePropertyName(key); w.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture)); }
        else w.WriteNull(key);
    }

    // A JSON number as written by the invariant "R" format: optional '-', digits, optional
    // fraction, optional exponent. (Not "NaN", "Infinity", "1_000", "+1", ".5" or "007".)
    private static bool IsNumber(string s) =>
        System.Text.RegularExpressions.Regex.IsMatch(s, @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$");
}
