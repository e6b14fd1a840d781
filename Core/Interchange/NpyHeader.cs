using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Lnsgd.Core.Interchange;

/// <summary>
/// The header dict of a <c>.npy</c> file, e.g. <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 3), }</c>.
/// <see cref="Parse"/> accepts the Python-literal subset numpy and other writers produce (either
/// quote, any key order, optional trailing commas, blanks anywhere) and nothing else.
/// </summary>
public sealed record NpyHeader(string Descr, bool FortranOrder, ImmutableArray<long> Shape)
{
    /// <summary>
    /// The dict text exactly as numpy 1.23+ writes it, before the final padding: sorted keys, each
    /// followed by ", ", then the spare blanks numpy reserves for growing the first axis.
    /// </summary>
    public string Text()
    {
        var shape = Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";
        var text = $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
        // numpy's GROWTH_AXIS_MAX_DIGITS = 21; matching it makes our files byte-identical to np.save.
        var growth = Shape.Length == 0 ? 0 : 21 - Shape[FortranOrder ? ^1 : 0].ToString(CultureInfo.InvariantCulture).Length;
        return text + new string(' ', Math.Max(0, growth));
    }

    /// <summary>Parses the header text; throws <see cref="NpyFormatException"/> on anything else.</summary>
    public static NpyHeader Parse(ReadOnlySpan<byte> header)
    {
        var p = new Parser(header);
        string? descr = null;
        bool? fortran = null;
        ImmutableArray<long>? shape = null;
        p.Blank();
        p.Expect('{');
        p.Blank();
        while (!p.At('}'))
        {
            var key = p.String();
            p.Blank();
            p.Expect(':');
            p.Blank();
            switch (key)
            {
                case "descr" when descr is null: descr = p.String(); break;
                case "fortran_order" when fortran is null: fortran = p.Bool(); break;
                case "shape" when shape is null: shape = p.Tuple(); break;
                case "descr" or "fortran_order" or "shape": throw Error($"key '{key}' appears twice");
                default: throw Error($"unexpected key '{key}' (expected descr, fortran_order, shape)");
            }
            p.Blank();
            if (!p.At('}')) { p.Expect(','); p.Blank(); }
        }
        p.Expect('}');
        p.Blank();
        if (!p.AtEnd) throw p.Unexpected("end of header");
        if (descr is null || fortran is null || shape is null)
            throw Error($"missing key '{(descr is null ? "descr" : fortran is null ? "fortran_order" : "shape")}'");
        return new NpyHeader(descr, fortran.Value, shape.Value);
    }

    private static NpyFormatException Error(string what) => new($"malformed .npy header: {what}");

    // A cursor over the header bytes; every failure names the offset within the header.
    private ref struct Parser(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> _text = text;
        private int _at;

        public readonly bool AtEnd => _at >= _text.Length;

        public readonly bool At(char c) => !AtEnd && _text[_at] == c;

        public void Blank()
        {
            while (!AtEnd && _text[_at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') _at++;
        }

        public void Expect(char c)
        {
            if (!At(c)) throw Unexpected($"'{c}'");
            _at++;
        }

        public string String()
        {
            if (!At('\'') && !At('"')) throw Unexpected("a quoted string");
            var quote = _text[_at++];
            var start = _at;
            while (!AtEnd && _text[_at] != quote)
            {
                // Escapes, control and non-ASCII bytes never occur in a valid dtype or key.
                if (_text[_at] is < 0x20 or >= 0x7f or (byte)'\\') throw Unexpected($"a closing {(char)quote}");
                _at++;
            }
            if (AtEnd) throw Unexpected($"a closing {(char)quote}");
            return Encoding.ASCII.GetString(_text[start.._at++]);
        }

        public bool Bool()
        {
            if (Word("True")) return true;
            if (Word("False")) return false;
            throw Unexpected("True or False");
        }

        public ImmutableArray<long> Tuple()
        {
            Expect('(');
            Blank();
            var dims = ImmutableArray.CreateBuilder<long>();
            var trailingComma = false;
            while (!At(')'))
            {
                dims.Add(Integer());
                Blank();
                trailingComma = false;
                if (At(')')) break;
                Expect(',');
                trailingComma = true;
                Blank();
            }
            Expect(')');
            // In Python "(3)" is the int 3, not a tuple: numpy rejects it, so do we.
            if (dims.Count == 1 && !trailingComma) throw Error("shape (n) is not a tuple; a 1-D shape is written (n,)");
            return dims.ToImmutable();
        }

        private long Integer()
        {
            var start = _at;
            long value = 0;
            while (!AtEnd && _text[_at] is >= (byte)'0' and <= (byte)'9')
            {
                value = value * 10 + (_text[_at] - '0');
                if (value > int.MaxValue) throw Error($"dimension at offset {start} exceeds {int.MaxValue}");
                _at++;
            }
            if (_at == start) throw Unexpected("a non-negative integer");
            return value;
        }

        private bool Word(string word)
        {
            if (_text.Length - _at < word.Length || !_text.Slice(_at, word.Length).SequenceEqual(Encoding.ASCII.GetBytes(word))) return false;
            var end = _at + word.Length;
            if (end < _text.Length && (char.IsAsciiLetterOrDigit((char)_text[end]) || _text[end] == '_')) return false;
            _at = end;
            return true;
        }

        public readonly NpyFormatException Unexpected(string expected) =>
            Error(AtEnd ? $"expected {expected} at offset {_at}, found the end of the header"
                : $"expected {expected} at offset {_at}, found {Show(_text[_at])}");

        private static string Show(byte b) => b is >= 0x20 and < 0x7f ? $"'{(char)b}'" : $"byte 0x{b:x2}";
    }
}
