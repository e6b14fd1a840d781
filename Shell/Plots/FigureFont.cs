using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// The font every figure is drawn in: DejaVu Sans, shipped with the tool under <c>Fonts/</c>
/// (Bitstream Vera licence, <c>Fonts/LICENSE</c>) and registered with ScottPlot by file, so a
/// machine without any installed font still draws every title, label and tick. It has the
/// formula glyphs the figures use (‖ ⟨ ⟩ θ ⋆ ² and superscript digits). When the file is
/// missing the figures are not drawn at all: an unlabelled figure is worse than an error.
/// </summary>
public static class FigureFont
{
    /// <summary>The family name the figures ask for.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>The folder, beside the program, holding the shipped font files.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fonts");

    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the shipped font once and returns its family name.</summary>
    /// <exception cref="FileNotFoundException">A font file is missing beside the program.</exception>
    public static string Name => Loaded.Value;

    private static string Load()
    {
        foreach (var (file, bold) in new[] { ("DejaVuSans.ttf", false), ("DejaVuSans-Bold.ttf", true) })
        {
            var path = Path.Combine(Folder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"the figure font {path} is missing (it ships with lnsgd; rebuild or reinstall, or pass --no-plots)", path);
            Fonts.AddFontFile(Family, path, bold, italic: false);
        }
        return Family;
    }
}
