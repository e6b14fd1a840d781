using Lnsgd.Shell.Output;
using ScottPlot;
using SkiaSharp;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// Renders a figure (one panel, or several stacked top to bottom) to PNG and SVG bytes and
/// writes both atomically. Both formats draw the same panels onto a Skia canvas, so a
/// one-panel and a stacked figure take the same path.
/// </summary>
public static class FigureFile
{
    /// <summary>The figure as PNG bytes, <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Png(IReadOnlyList<Plot> panels, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {width}x{height} image");
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, panels, width, height);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The figure as an SVG document (UTF-8); its text stays text, so it is searchable and editable.</summary>
    public static byte[] Svg(IReadOnlyList<Plot> panels, int width, int height)
    {
        using var buffer = new MemoryStream();
        // The SVG canvas writes its closing tags when disposed, so it must be gone before the bytes are read.
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), buffer))
            Draw(canvas, panels, width, height);
        return RenumberClipIds(buffer.ToArray());
    }

    // Skia numbers clip paths with a counter shared by the whole process, so the same figure
    // drawn after others (or beside them on another thread) would get other ids. Renumbering
    // them in order of appearance makes the SVG bytes a function of the figure alone.
    private static byte[] RenumberClipIds(byte[] svg)
    {
        var ids = new Dictionary<string, int>();
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(svg), @"\bcl_([0-9a-f]+)\b",
            m => "cl_" + (ids.TryGetValue(m.Groups[1].Value, out var k) ? k : ids[m.Groups[1].Value] = ids.Count).ToString("x"));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Writes <c>stem.png</c> and <c>stem.svg</c> into <paramref name="dir"/>; returns those two file names.</summary>
    public static IReadOnlyList<string> Write(string dir, string stem, IReadOnlyList<Plot> panels, int width, int height)
    {
        // Render before opening any file: a failed render leaves no file behind.
        var png = Png(panels, width, height);
        var svg = Svg(panels, width, height);
        AtomicFile.Write(Path.Combine(dir, stem + ".png"), s => s.Write(png));
        AtomicFile.Write(Path.Combine(dir, stem + ".svg"), s => s.Write(svg));
        return [stem + ".png", stem + ".svg"];
    }

    // Panels get equal-height rows. No canvas clear: each plot paints its own background, and
    // a clear would put a stray unfilled (black by default) rectangle into the SVG.
    private static void Draw(SKCanvas canvas, IReadOnlyList<Plot> panels, int width, int height)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        var rowHeight = height / panels.Count;
        if (panels.Count > 1) AlignDataAreas(panels, width, rowHeight);
        for (var i = 0; i < panels.Count; i++)
        {
            panels[i].RenderManager.ClearCanvasBeforeEachRender = false;
            panels[i].Render(canvas, new PixelRect(0, width, (i + 1) * rowHeight, i * rowHeight));
        }
    }

    // Stacked panels share the iteration axis: giving every data area the widest left and right
    // margins of the set lines their x axes up. Each panel is laid out once, in memory, to measure.
    private static void AlignDataAreas(IReadOnlyList<Plot> panels, int width, int rowHeight)
    {
        var margins = panels.Select(p =>
        {
            p.Layout.Default();
            p.RenderInMemory(width, rowHeight);
            return p.RenderManager.LastRender.Padding;
        }).ToArray();
        var (left, right) = (margins.Max(m => m.Left), margins.Max(m => m.Right));
        for (var i = 0; i < panels.Count; i++)
            panels[i].Layout.Fixed(new PixelPadding(left, right, margins[i].Bottom, margins[i].Top));
    }
}
