using System.Globalization;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Evaluation;

/// <summary>How <see cref="NameFormatPages"/> reprints the names of labelled pages.</summary>
public enum NameFormat
{
    /// <summary>The pages as they are.</summary>
    Printed,
    /// <summary>The page's name cut to initials ("Lei Wang" → "L. Wang") in the heading and the mention; co-authors as printed.</summary>
    Initials,
    /// <summary>Every name on the page surname first, BibTeX style ("Wang, Lei", "Grosse, Roger B.").</summary>
    Inverted,
    /// <summary>Every name on the page as MEDLINE prints it ("Wang L", "Grosse RB"): given names cut to initials.</summary>
    PubMed,
}

/// <summary>
/// Turns labelled pages into the pages Arrow would show if their source printed names another way, a format the
/// labelled corpora hardly have. The page's name becomes the reprinted name, in the heading and in every author
/// list; pages of one data set whose names then coincide ("Lei Wang" and "Li Wang" both become "Wang L") are merged
/// into one page whose people stay apart in the gold labels. It measures how the pipeline copes with a name that
/// says less and a page that mixes more people, without any new labels.
/// </summary>
public static class NameFormatPages
{
    /// <summary>"Lei Wang" → "L. Wang", "Sung Ho Kim" → "S. H. Kim"; a one-word name stays as it is.</summary>
    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2) return name.Trim();
        return string.Join(' ', parts[..^1].Select(p => char.ToUpperInvariant(p[0]) + ".")) + " " + parts[^1];
    }

    /// <summary>
    /// The name in <paramref name="format"/>, rebuilt from its parsed parts (so folded: no diacritics or hyphens,
    /// each word capitalised); a name without a given name, or one that does not parse, stays as printed.
    /// DBLP numbers and suffixes are dropped, as MEDLINE and BibTeX exports do not carry DBLP's labels.
    /// </summary>
    public static string Reprint(string name, NameFormat format)
    {
        if (format is NameFormat.Printed) return name;
        if (format is NameFormat.Initials) return Initials(name);
        var n = NameParser.Parse(name);
        if (n.IsEmpty || n.Given.Length == 0) return name;
        string surname = string.Join(' ', n.Surname.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Capitalise));
        if (format is NameFormat.PubMed) return surname + " " + n.Initials.ToUpperInvariant();
        var given = new[] { Capitalise(n.Given) }.Concat(n.Middle.Select(m => m.Length == 1 ? char.ToUpperInvariant(m[0]) + "." : Capitalise(m)));
        return surname + ", " + string.Join(' ', given);
    }

    /// <summary>
    /// The reprinted pages: one per (data set, reprinted page name), papers in the order of the input pages,
    /// renumbered from 1, gold labels alongside. <see cref="NameFormat.Initials"/> reprints only the page's name
    /// (heading and mention); <see cref="NameFormat.Inverted"/> and <see cref="NameFormat.PubMed"/> every author.
    /// </summary>
    public static IReadOnlyList<LabelledPage> Make(IReadOnlyList<LabelledPage> pages, NameFormat format) =>
        format is NameFormat.Printed
            ? pages
            : pages.GroupBy(p => (p.Dataset, Name: TextFold.Fold(Reprint(p.Page.ClusterName, format))))
                .Select(g => Merge(g, format))
                .OrderBy(p => p.Dataset, StringComparer.Ordinal).ThenBy(p => p.Page.Source, StringComparer.Ordinal)
                .ToList();

    private static LabelledPage Merge(IGrouping<(string Dataset, string Name), LabelledPage> group, NameFormat format)
    {
        var first = group.First();
        string name = Reprint(first.Page.ClusterName, format);
        var papers = new List<Paper>();
        var gold = new List<string>();
        foreach (var lp in group)
        {
            foreach (var (paper, label) in lp.Page.Papers.Zip(lp.Gold))
            {
                var renamed = LabelledCorpus.RenameMention(paper, lp.Page.ClusterName, name) ?? paper;
                if (format is not NameFormat.Initials)
                    renamed = renamed with { Authors = renamed.Authors.Select(a => a == name ? a : Reprint(a, format)).ToList() };
                papers.Add(renamed with { Index = papers.Count + 1 });
                gold.Add(label);
            }
        }
        string source = $"{group.Key.Dataset}--{OutputSafe(name)}--{format.ToString().ToLowerInvariant()}.txt";
        var page = new ClusterPage(source, name, papers.Count, papers, []);
        return new LabelledPage(first.Dataset, page, gold);
    }

    private static string Capitalise(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

    private static string OutputSafe(string name) =>
        new(TextFold.Fold(name).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
