using ArrowDisambig.Graph;

namespace ArrowDisambig.Features;

/// <summary>Everything the pair features of one page read, computed once per page.</summary>
public sealed class PageFeatureContext
{
    private readonly Lazy<PairFeatureTables> _tables;

    private PageFeatureContext(PageContext context, PageTextIndex text, int[][] initialKeys, int[][] surnameKeys, int keyCount, NamePrior prior)
    {
        Context = context; Text = text; CoauthorInitialKeys = initialKeys; CoauthorSurnameKeys = surnameKeys; KeyCount = keyCount; Prior = prior;
        _tables = new(() => new PairFeatureTables(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Names and graph of the page.</summary>
    public PageContext Context { get; }
    /// <summary>Title, venue and abstract index of the page.</summary>
    public PageTextIndex Text { get; }
    /// <summary>Per paper: sorted ids of its co-authors' initial+surname keys.</summary>
    public int[][] CoauthorInitialKeys { get; }
    /// <summary>Per paper: sorted ids of its co-authors' surname keys.</summary>
    public int[][] CoauthorSurnameKeys { get; }
    /// <summary>How common the page's name is.</summary>
    public NamePrior Prior { get; }

    /// <summary>Number of distinct ids in <see cref="CoauthorInitialKeys"/> and <see cref="CoauthorSurnameKeys"/> (one id space).</summary>
    internal int KeyCount { get; }

    /// <summary>Flat per-paper tables for <see cref="PairFeatures.ComputeMany"/>, built on first use.</summary>
    internal PairFeatureTables Tables => _tables.Value;

    /// <summary>Runs the Features stage's per-page preparation.</summary>
    public static PageFeatureContext Build(PageContext context, NameFrequencies frequencies, TopicSpace? topics = null)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var initialKeys = new int[context.Count][];
        var surnameKeys = new int[context.Count][];
        for (int p = 0; p < context.Count; p++)
        {
            var coauthors = context.Authors[p].Where((a, k) => k != context.TargetIndex[p] && !a.IsEmpty).ToList();
            initialKeys[p] = KeyIds(coauthors.Select(a => "i:" + a.InitialKey));
            surnameKeys[p] = KeyIds(coauthors.Select(a => "s:" + a.SurnameKey));
        }
        return new PageFeatureContext(context, PageTextIndex.Build(context.Page.Papers, topics), initialKeys, surnameKeys, ids.Count, frequencies.PriorOf(context.PageName));

        int[] KeyIds(IEnumerable<string> keys) =>
            keys.Select(k => ids.TryGetValue(k, out int id) ? id : ids[k] = ids.Count).Distinct().Order().ToArray();
    }
}
