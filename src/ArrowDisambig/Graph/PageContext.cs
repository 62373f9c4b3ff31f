using ArrowDisambig.Names;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Graph;

/// <summary>
/// A page after the Names and Graph stages: every printed author parsed, the ambiguous mention found on
/// each paper, and the co-author graph with name variants merged. Immutable once built; the Features
/// stage reads only this.
/// </summary>
public sealed class PageContext
{
    private PageContext(ClusterPage page, PersonName pageName, PersonName[][] authors, int[] targetIndex, CoauthorGraph graph)
    {
        Page = page;
        PageName = pageName;
        Authors = authors;
        TargetIndex = targetIndex;
        Graph = graph;
    }

    /// <summary>The page.</summary>
    public ClusterPage Page { get; }

    /// <summary>The page's name, parsed.</summary>
    public PersonName PageName { get; }

    /// <summary>Parsed authors of each paper, in printed order.</summary>
    public IReadOnlyList<PersonName[]> Authors { get; }

    /// <summary>Per paper, the index of the ambiguous mention in its author list, or -1 when the list was cut before it.</summary>
    public IReadOnlyList<int> TargetIndex { get; }

    /// <summary>The co-author graph.</summary>
    public CoauthorGraph Graph { get; }

    /// <summary>Number of papers.</summary>
    public int Count => Page.Papers.Count;

    /// <summary>The ambiguous mention of a paper as printed (with any DBLP number), or the page name when it is not listed.</summary>
    public PersonName Target(int paper) => TargetIndex[paper] is int t and >= 0 ? Authors[paper][t] : PageName;

    /// <summary>Runs the Names and Graph stages on a parsed page.</summary>
    public static PageContext Build(ClusterPage page)
    {
        var pageName = NameParser.Parse(page.ClusterName);
        int n = page.Papers.Count;
        var authors = new PersonName[n][];
        var target = new int[n];
        for (int p = 0; p < n; p++)
        {
            authors[p] = page.Papers[p].Authors.Select(NameParser.Parse).ToArray();
            target[p] = FindTarget(pageName, authors[p]);
        }

        // Co-author mentions flattened so variants can be merged across the whole page.
        var mentions = new List<PersonName>();
        var owner = new List<int>();
        for (int p = 0; p < n; p++)
            for (int a = 0; a < authors[p].Length; a++)
                if (a != target[p] && !authors[p][a].IsEmpty) { mentions.Add(authors[p][a]); owner.Add(p); }
        var canonical = CoauthorMatcher.CanonicalIds(mentions);

        var dense = new Dictionary<int, int>();
        var names = new List<string>();
        var perPaper = new List<int>[n];
        for (int p = 0; p < n; p++) perPaper[p] = new();
        for (int k = 0; k < mentions.Count; k++)
        {
            if (!dense.TryGetValue(canonical[k], out int id))
            {
                dense[canonical[k]] = id = names.Count;
                names.Add(mentions[k].Original);
            }
            // Show the fullest printed form of each co-author.
            if (mentions[k].Original.Length > names[id].Length) names[id] = mentions[k].Original;
            perPaper[owner[k]].Add(id);
        }
        var graph = new CoauthorGraph(perPaper, names);
        return new PageContext(page, pageName, authors, target, graph);
    }

    /// <summary>
    /// The author who is the page's name: an exact folded match first, else a compatible form
    /// (<c>J. Ba</c>, <c>Ba J</c>), else -1. Arrow groups exact name matches, so a miss means the list was cut at 8.
    /// </summary>
    public static int FindTarget(PersonName pageName, IReadOnlyList<PersonName> authors)
    {
        int compatible = -1;
        for (int a = 0; a < authors.Count; a++)
        {
            if (authors[a].FullKey == pageName.FullKey) return a;
            if (compatible < 0 && NameCompatibility.AreCompatible(authors[a], pageName)) compatible = a;
        }
        return compatible;
    }
}
