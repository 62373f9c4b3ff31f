using System.Globalization;
using System.Net;
using System.Text;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Export;

/// <summary>An inline SVG picture of a page's co-author graph and what was left out of it.</summary>
/// <param name="Svg">The <c>&lt;svg&gt;</c> element, every input text escaped.</param>
/// <param name="Note">A sentence saying what the picture shows (and what it leaves out on big pages).</param>
public sealed record GraphPicture(string Svg, string Note);

/// <summary>
/// Draws a page's co-author graph: papers as circles coloured by identity, co-authors who are on two or more
/// papers as grey squares (a co-author on one paper links nothing), an edge where a co-author is on a paper.
/// Big pages are cut to the most connected nodes so the picture stays readable and the layout cheap.
/// </summary>
public static class CoauthorSvg
{
    /// <summary>Most nodes drawn.</summary>
    public const int MaxNodes = 150;

    private const int Width = 960, Height = 560, Margin = 24, LabelledCoauthors = 12;

    /// <summary>Draws the page.</summary>
    /// <param name="r">Page result with final identity ids.</param>
    /// <param name="colourOf">Fill colour of an identity (trusted CSS colour, not input text).</param>
    public static GraphPicture Draw(PageResult r, Func<string, string> colourOf)
    {
        var g = r.Context.Graph;
        int papers = r.Page.Papers.Count;
        var shared = Enumerable.Range(0, g.CoauthorNames.Count).Where(c => g.PaperFrequency(c) >= 2).ToList();

        // Nodes: papers 0..n-1, then shared co-authors as n + c. Keep the most connected when there are too many.
        var degree = new Dictionary<int, int>();
        for (int p = 0; p < papers; p++) degree[p] = 0;
        foreach (int c in shared)
        {
            degree[papers + c] = g.PaperFrequency(c);
            foreach (int p in g.PapersOf(c)) degree[p]++;
        }
        int total = degree.Count;
        var kept = degree.OrderByDescending(x => x.Value).ThenBy(x => x.Key).Take(MaxNodes).Select(x => x.Key).Order().ToList();
        var index = kept.Select((node, i) => (node, i)).ToDictionary(x => x.node, x => x.i);
        var edges = new List<(int, int)>();
        foreach (int c in shared)
            if (index.TryGetValue(papers + c, out int ci))
                foreach (int p in g.PapersOf(c))
                    if (index.TryGetValue(p, out int pi)) edges.Add((pi, ci));
        var pos = GraphLayout.Layout(kept.Count, edges);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"coauthor-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"co-author graph\">");
        sb.Append("<g class=\"edges\" stroke=\"#c8c8c8\" stroke-width=\"0.8\">");
        foreach (var (a, b) in edges)
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(pos[a])}\" y1=\"{Y(pos[a])}\" x2=\"{X(pos[b])}\" y2=\"{Y(pos[b])}\"/>");
        sb.Append("</g><g class=\"nodes\">");
        var labelled = kept.Where(node => node >= papers).OrderByDescending(node => degree[node]).ThenBy(node => node).Take(LabelledCoauthors).ToHashSet();
        for (int i = 0; i < kept.Count; i++)
        {
            int node = kept[i];
            string x = X(pos[i]), y = Y(pos[i]);
            if (node < papers)
            {
                var paper = r.Page.Papers[node];
                string id = r.IdentityIds[node];
                sb.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"paper\" cx=\"{x}\" cy=\"{y}\" r=\"7\" fill=\"{colourOf(id)}\" stroke=\"#333\" stroke-width=\"0.6\" data-identity=\"{H(id)}\">" +
                    $"<title>paper {paper.Index}: {H(paper.Title)} ({H(id)})</title></circle>");
            }
            else
            {
                int c = node - papers;
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"coauthor\" x=\"{Shift(x, -3.5)}\" y=\"{Shift(y, -3.5)}\" width=\"7\" height=\"7\" fill=\"#9a9a9a\">" +
                    $"<title>{H(g.CoauthorNames[c])} ({g.PaperFrequency(c)} papers)</title></rect>");
                if (labelled.Contains(node))
                    sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Shift(x, 6)}\" y=\"{Shift(y, 3)}\" font-size=\"10\" fill=\"#444\">{H(g.CoauthorNames[c])}</text>");
            }
        }
        sb.Append("</g></svg>");

        string note = $"Circles are the page's {papers} papers, coloured by identity; grey squares are the {shared.Count} co-authors on two or more papers; a line joins a co-author to a paper.";
        if (kept.Count < total)
            note += $" This page is big: the picture shows the {kept.Count} most connected of its {total} nodes ({kept.Count(k => k < papers)} of {papers} papers).";
        return new GraphPicture(sb.ToString(), note);

        static string X(Point p) => (Margin + p.X * (Width - 2 * Margin)).ToString("0.0", CultureInfo.InvariantCulture);
        static string Y(Point p) => (Margin + p.Y * (Height - 2 * Margin)).ToString("0.0", CultureInfo.InvariantCulture);
        static string Shift(string v, double d) => (double.Parse(v, CultureInfo.InvariantCulture) + d).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
