using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Config;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>A number means the same whether written in a TOML file or on the command line, in every form TOML allows.</summary>
public class NumberTextProperties
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The forms of one whole number n = k·10^e: plain, exponent, mantissa with a fraction, ".0", digit groups.
    private static IEnumerable<string> Forms(long k, int e)
    {
        var n = k * (long)Math.Pow(10, e);
        yield return n.ToString(Inv);
        yield return $"{k}e{e}";
        yield return $"{k}E+{e}";
        yield return $"{n}.0";
        if (k >= 10) yield return $"{k / 10.0M}e{e + 1}".Replace(",", ".");
        yield return string.Join('_', Chunks(n.ToString(Inv)));
    }

    private static IEnumerable<string> Chunks(string digits)
    {
        var first = digits.Length % 3 == 0 ? 3 : digits.Length % 3;
        yield return digits[..first];
        for (var k = first; k < digits.Length; k += 3) yield return digits[k..(k + 3)];
    }

    [Property(MaxTest = 300)]
    public Property Every_form_of_a_whole_number_reads_as_that_integer() =>
        Prop.ForAll(Gen.Choose(1, 99_999).ToArbitrary(), Gen.Choose(0, 9).ToArbitrary(), (k, e) =>
            Forms(k, e).All(f => NumberText.Integer(f) == k * (long)Math.Pow(10, e)));

    [Property(MaxTest = 300)]
    public Property A_fraction_is_never_an_integer() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (n, tenths) =>
            NumberText.Integer($"{n}.{tenths}") is null && NumberText.Integer($"{n}{tenths}e-1") is null);

    // The TOML file and the command line agree on every integer key, for every form of the number.
    [Property(MaxTest = 100)]
    public Property An_integer_key_reads_the_same_from_TOML_and_from_the_command_line() =>
        Prop.ForAll(Gen.Choose(1, 999).ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (k, e) =>
            Forms(k, e).All(form =>
            {
                var (_, pairs) = ConfigLoader.ParseToml($"steps = {form}", "test.toml");
                var fromToml = ConfigLoader.Apply(new RunConfig(), "steps", pairs.Single().Value);
                var fromCli = ConfigLoader.Resolve(null, null, [("steps", form)]).Config;
                return fromToml.Steps == fromCli.Steps && fromCli.Steps == k * (long)Math.Pow(10, e);
            }));

    [Theory]
    [InlineData("1__000")]
    [InlineData("_1000")]
    [InlineData("1000_")]
    [InlineData("1e400")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("1e19")]
    public void Malformed_or_out_of_range_integers_are_refused(string text) => Assert.Null(NumberText.Integer(text));

    [Fact]
    public void Seeds_span_the_unsigned_range_and_reals_take_digit_groups()
    {
        Assert.Equal(ulong.MaxValue, NumberText.Unsigned("18446744073709551615"));
        Assert.Null(NumberText.Unsigned("-1"));
        Assert.Equal(1000.5, NumberText.Real("1_000.5"));
        Assert.Equal(100000, ConfigLoader.Resolve(null, null, [("steps", "1e5")]).Config.Steps);
    }
}
