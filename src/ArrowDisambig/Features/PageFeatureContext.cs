using ArrowDisambig.Graph;

namespace ArrowDisambig.Features;

/// <summary>Everything the pair features of one page read, computed once per page.</summary>
public sealed class PageFeatureContext
{
    private PageFeatureContext(PageContext context, PageTextIndex text, int[][] coauthorInitialKeys, NamePrior prior)
    {
        Context = context; Text = text; CoauthorInitialKeys = coauthorInitialKeys; Prior = prior;
    }

    /// <summary>Names and graph of the page.</summary>
    public PageContext Context { get; }
    /// <summary>Title, venue and abstract index of the page.</summary>
    public PageTextIndex Text { get; }
    /// <summary>Per paper: sorted ids of its co-authors' initial+surname keys.</summary>
    public int[][] CoauthorInitialKeys { get; }
    /// <summary>How common the page's name is.</summary>
    public NamePrior Prior { get; }

    /// <summary>Runs the Features stage's per-page preparation.</summary>
    public static PageFeatureContext Build(PageContext context, NameFrequencies frequencies)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new int[context.Count][];
        for (int p = 0; p < context.Count; p++)
        {
            var authors = context.Authors[p];
            int target = context.TargetIndex[p];
            keys[p] = authors.Where((a, k) => k != target && !a.IsEmpty)
                .Select(a => ids.TryGetValue(a.InitialKey, out int id) ? id : ids[a.InitialKey] = ids.Count)
                .Distinct().Order().ToArray();
        }
        return new PageFeatureContext(context, PageTextIndex.Build(context.Page.Papers), keys, frequencies.PriorOf(context.PageName));
    }
}
