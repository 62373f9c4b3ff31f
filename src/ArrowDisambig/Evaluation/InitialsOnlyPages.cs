using ArrowDisambig.Names;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Evaluation;

/// <summary>
/// Turns labelled pages into the pages Arrow would show under an initials-only name, a format the labelled
/// corpora hardly have: "Lei Wang" becomes "L. Wang" in the heading and in every author list, and pages of one
/// data set whose names collapse to the same initials are merged into one page (their people stay apart in the
/// gold labels). It measures how the pipeline copes with a name that says less and a page that mixes more
/// people, without any new labels.
/// </summary>
public static class InitialsOnlyPages
{
    /// <summary>"Lei Wang" → "L. Wang", "Sung Ho Kim" → "S. H. Kim"; a one-word name stays as it is.</summary>
    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2) return name.Trim();
        return string.Join(' ', parts[..^1].Select(p => char.ToUpperInvariant(p[0]) + ".")) + " " + parts[^1];
    }

    /// <summary>
    /// The initials-only pages: one per (data set, initials name), papers in the order of the input pages,
    /// renumbered from 1, gold labels alongside.
    /// </summary>
    public static IReadOnlyList<LabelledPage> Make(IReadOnlyList<LabelledPage> pages) =>
        pages.GroupBy(p => (p.Dataset, Name: TextFold.Fold(Initials(p.Page.ClusterName))))
            .Select(Merge)
            .OrderBy(p => p.Dataset, StringComparer.Ordinal).ThenBy(p => p.Page.Source, StringComparer.Ordinal)
            .ToList();

    private static LabelledPage Merge(IGrouping<(string Dataset, string Name), LabelledPage> group)
    {
        var first = group.First();
        string name = Initials(first.Page.ClusterName);
        var papers = new List<Paper>();
        var gold = new List<string>();
        foreach (var lp in group)
        {
            foreach (var (paper, label) in lp.Page.Papers.Zip(lp.Gold))
            {
                papers.Add((LabelledCorpus.RenameMention(paper, lp.Page.ClusterName, name) ?? paper) with { Index = papers.Count + 1 });
                gold.Add(label);
            }
        }
        string source = $"{group.Key.Dataset}--{OutputSafe(name)}--initials.txt";
        var page = new ClusterPage(source, name, papers.Count, papers, []);
        return new LabelledPage(first.Dataset, page, gold);
    }

    private static string OutputSafe(string name) =>
        new(TextFold.Fold(name).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
