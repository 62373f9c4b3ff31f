using System.Text;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>A paper as the test generators write it onto a page.</summary>
internal sealed record TestPaper(string VenueLine, string Title, IReadOnlyList<string> Authors, IReadOnlyList<string> AbstractLines)
{
    public static TestPaper Simple(string title, params string[] authors) =>
        new("ICML Conference 2020 Conference Paper", title, authors, ["An abstract about " + title + "."]);
}

/// <summary>Renders Arrow cluster pages the way Arrow prints them, so tests can build hostile variants in code.</summary>
internal static class PageBuilder
{
    /// <summary>The page text: header (with the declared count, the real count by default), then each paper.</summary>
    public static string Render(string clusterName, IReadOnlyList<TestPaper> papers, int? declared = null)
    {
        var sb = new StringBuilder();
        sb.Append(Header(clusterName, declared ?? papers.Count));
        foreach (var p in papers) AppendPaper(sb, p);
        return sb.ToString();
    }

    public static string Header(string clusterName, int declared) =>
        $"Arrow Research search\n\nAuthor name cluster\n\n{clusterName}\n\n" +
        "Possible papers associated with this exact author name in Arrow. This page groups case-insensitive exact name matches and is not a full identity disambiguation profile.\n\n" +
        $"{declared} papers\n1 author rows\n\nPossible papers\n\n{declared}\n\n";

    public static void AppendPaper(StringBuilder sb, TestPaper p)
    {
        sb.Append(p.VenueLine).Append("\n\n").Append(p.Title).Append("\n\n");
        foreach (var a in p.Authors) sb.Append("  • ").Append(a).Append('\n');
        sb.Append('\n');
        foreach (var line in p.AbstractLines) sb.Append(line).Append("\n\n");
    }

    /// <summary>A small, valid page of <paramref name="count"/> papers by one person with a steady co-author.</summary>
    public static string Small(string clusterName, int count, string titlePrefix = "Paper") =>
        Render(clusterName, Enumerable.Range(1, count)
            .Select(i => TestPaper.Simple($"{titlePrefix} {i} on graph learning", clusterName, "Roger Grosse", $"Co Author{i}"))
            .ToList());

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
