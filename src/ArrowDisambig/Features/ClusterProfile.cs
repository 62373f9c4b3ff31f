using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>
/// What a proposed identity looks like as a whole: its co-authors, venues, topic and years summed over
/// its papers. Two parts of one person often share no co-author paper by paper but do as wholes, which is
/// what the second clustering stage compares.
/// </summary>
public sealed class ClusterProfile
{
    private ClusterProfile(int size, Dictionary<int, int> coauthors, Dictionary<string, int> venues,
        Dictionary<int, float> title, Dictionary<int, float> abstracts, int? minYear, int? maxYear, List<PersonName> variants, List<int> variantIds, float[] topic,
        HashSet<int> initialKeys, double internalAffinity)
    {
        InternalAffinity = internalAffinity;
        InitialKeys = initialKeys;
        Topic = topic;
        TopicVector = Normalised(topic);
        Size = size; Coauthors = coauthors; Venues = venues; Title = title; Abstract = abstracts;
        MinYear = minYear; MaxYear = maxYear; Variants = variants; VariantIds = variantIds;
        CoauthorMap = coauthors; VenueMap = venues;
        TitleVector = SparseVector.Normalised(title);
        AbstractVector = SparseVector.Normalised(abstracts);
    }

    /// <summary>The page's variant id (<see cref="PairFeatureTables.Variant"/>) of each of <see cref="Variants"/>.</summary>
    internal List<int> VariantIds { get; }

    /// <summary><see cref="Coauthors"/> as a dictionary (no interface calls in the feature loops).</summary>
    internal Dictionary<int, int> CoauthorMap { get; }

    /// <summary><see cref="Venues"/> as a dictionary.</summary>
    internal Dictionary<string, int> VenueMap { get; }

    /// <summary>
    /// Ids of the co-authors' initial + surname keys (<see cref="PageFeatureContext.CoauthorInitialKeys"/>): looser than
    /// <see cref="Coauthors"/>, so "J. Smith" on one paper meets "John Smith" on another.
    /// </summary>
    internal HashSet<int> InitialKeys { get; }

    /// <summary>Papers in the cluster.</summary>
    public int Size { get; }
    /// <summary>Sum of the first-stage pair probabilities between the cluster's own papers (unscored pairs count 0).</summary>
    public double InternalAffinity { get; }
    /// <summary>Mean first-stage probability between the cluster's own papers; NaN for a single paper.</summary>
    public float Cohesion => Size < 2 ? float.NaN : (float)(InternalAffinity / (Size * (Size - 1) / 2.0));
    /// <summary>Co-author id → papers of the cluster listing them.</summary>
    public IReadOnlyDictionary<int, int> Coauthors { get; }
    /// <summary>Folded venue → papers.</summary>
    public IReadOnlyDictionary<string, int> Venues { get; }
    /// <summary>Sum of the papers' title TF-IDF vectors.</summary>
    public IReadOnlyDictionary<int, float> Title { get; }
    /// <summary>Sum of the papers' abstract TF-IDF vectors.</summary>
    public IReadOnlyDictionary<int, float> Abstract { get; }
    /// <summary>Normalised <see cref="Title"/>.</summary>
    public SparseVector TitleVector { get; }
    /// <summary>Normalised <see cref="Abstract"/>; empty when no paper has an abstract.</summary>
    public SparseVector AbstractVector { get; }
    /// <summary>Sum of the papers' topic vectors (empty when no topic space).</summary>
    public float[] Topic { get; }
    /// <summary>Normalised <see cref="Topic"/>; empty when no paper has one.</summary>
    public float[] TopicVector { get; }
    /// <summary>Earliest year, when any paper has one.</summary>
    public int? MinYear { get; }
    /// <summary>Latest year.</summary>
    public int? MaxYear { get; }
    /// <summary>Distinct printed forms of the ambiguous mention.</summary>
    public IReadOnlyList<PersonName> Variants { get; }

    /// <summary>The profile of a set of papers whose pair probabilities sum to <paramref name="internalAffinity"/>.</summary>
    public static ClusterProfile Of(PageFeatureContext page, IEnumerable<int> papers, double internalAffinity)
    {
        var co = new Dictionary<int, int>();
        var venues = new Dictionary<string, int>(StringComparer.Ordinal);
        var title = new Dictionary<int, float>();
        var abs = new Dictionary<int, float>();
        var variants = new List<PersonName>();
        float[] topic = [];
        var variantIds = new List<int>();
        var initialKeys = new HashSet<int>();
        var tables = page.Tables;
        int size = 0;
        int? min = null, max = null;
        foreach (int p in papers)
        {
            size++;
            foreach (int c in page.Context.Graph.CoauthorsOf(p)) co[c] = co.GetValueOrDefault(c) + 1;
            string v = page.Text.VenueKey[p];
            if (v.Length > 0) venues[v] = venues.GetValueOrDefault(v) + 1;
            Add(title, page.Text.TitleVectors[p]);
            Add(abs, page.Text.Abstracts[p]);
            if (page.Context.Page.Papers[p].Year is int y) { min = min is null ? y : Math.Min(min.Value, y); max = max is null ? y : Math.Max(max.Value, y); }
            AddVariant(variants, variantIds, page.Context.Target(p), tables.Variant[p]);
            topic = AddTopic(topic, page.Text.Topics[p]);
            initialKeys.UnionWith(page.CoauthorInitialKeys[p]);
        }
        return new ClusterProfile(size, co, venues, title, abs, min, max, variants, variantIds, topic, initialKeys, internalAffinity);
    }

    /// <summary>The profile of the union of two clusters, whose cross pair probabilities are <paramref name="links"/>.</summary>
    public static ClusterProfile Merge(ClusterProfile a, ClusterProfile b, LinkStats links)
    {
        var co = new Dictionary<int, int>(a.Coauthors);
        foreach (var (k, v) in b.Coauthors) co[k] = co.GetValueOrDefault(k) + v;
        var venues = new Dictionary<string, int>(a.Venues, StringComparer.Ordinal);
        foreach (var (k, v) in b.Venues) venues[k] = venues.GetValueOrDefault(k) + v;
        var title = new Dictionary<int, float>(a.Title);
        foreach (var (k, v) in b.Title) title[k] = title.GetValueOrDefault(k) + v;
        var abs = new Dictionary<int, float>(a.Abstract);
        foreach (var (k, v) in b.Abstract) abs[k] = abs.GetValueOrDefault(k) + v;
        var variants = a.Variants.ToList();
        var variantIds = a.VariantIds.ToList();
        for (int k = 0; k < b.Variants.Count; k++) AddVariant(variants, variantIds, b.Variants[k], b.VariantIds[k]);
        return new ClusterProfile(a.Size + b.Size, co, venues, title, abs,
            Min(a.MinYear, b.MinYear), Max(a.MaxYear, b.MaxYear), variants, variantIds, AddTopic(AddTopic([], a.Topic), b.Topic),
            [.. a.InitialKeys, .. b.InitialKeys], a.InternalAffinity + b.InternalAffinity + links.Sum);
    }

    private static float[] AddTopic(float[] sum, float[] v)
    {
        if (v.Length == 0) return sum;
        var result = sum.Length == 0 ? new float[v.Length] : (float[])sum.Clone();
        for (int d = 0; d < v.Length; d++) result[d] += v[d];
        return result;
    }

    private static float[] Normalised(float[] v)
    {
        float norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm <= 0 ? [] : v.Select(x => x / norm).ToArray();
    }

    private static void Add(Dictionary<int, float> into, SparseVector v)
    {
        for (int i = 0; i < v.Ids.Length; i++) into[v.Ids[i]] = into.GetValueOrDefault(v.Ids[i]) + v.Weights[i];
    }

    private static void AddVariant(List<PersonName> variants, List<int> ids, PersonName n, int id)
    {
        foreach (var v in variants)
            if (v.FullKey == n.FullKey && v.Initials == n.Initials && v.DblpNumber == n.DblpNumber) return;
        variants.Add(n);
        ids.Add(id);
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

/// <summary>Pair affinities between two clusters, summed from the first stage's scored paper pairs.</summary>
public readonly record struct LinkStats(double Sum, float Max, int Strong)
{
    /// <summary>Adds two link summaries (for a merged cluster).</summary>
    public static LinkStats operator +(LinkStats a, LinkStats b) => new(a.Sum + b.Sum, Math.Max(a.Max, b.Max), a.Strong + b.Strong);

    /// <summary>The summary of one scored pair.</summary>
    public static LinkStats Of(float p) => new(p, p, p >= 0.5f ? 1 : 0);
}

/// <summary>The explicit feature list for a pair of clusters (the second clustering stage).</summary>
public static class ClusterPairFeatures
{
    /// <summary>Feature names, in vector order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "size_min_log",             // ln(1 + papers) of the smaller cluster
        "size_max_log",             // ln(1 + papers) of the larger cluster
        "coauthor_shared",          // distinct co-authors of both clusters
        "coauthor_shared_weight",   // sum over shared co-authors of the smaller paper count
        "coauthor_shared_rarity",   // sum over shared co-authors of ln(n / papers listing them on the page)
        "coauthor_jaccard",         // shared / union of distinct co-authors; NaN when neither has any
        "venue_shared",             // distinct venues of both clusters
        "venue_cosine",             // cosine of venue count vectors; NaN when either has no venue
        "title_cosine",             // cosine of summed title TF-IDF vectors
        "abstract_cosine",          // cosine of summed abstract vectors; NaN when either has none
        "topic_cosine",             // cosine of summed topic-space vectors; NaN when either has none
        "year_gap",                 // years between the clusters' spans (0 when they overlap); NaN when unknown
        "affinity_mean",            // mean first-stage pair probability between the clusters (unscored pairs count 0)
        "affinity_max",             // highest first-stage pair probability between them
        "affinity_strong_fraction", // share of cross pairs with probability >= 0.5
        "name_match",               // worst grade (PairFeatures.NameMatchGrade) between the clusters' printed forms
        "dblp_clash",               // 1 when the clusters carry different DBLP numbers
        "page_size_log",
        "name_initials_only",
        "name_given_freq",
        "name_surname_freq",
        "name_east_asian",
        "coauthor_shared_initial",  // distinct co-author initial + surname keys of both clusters (catches name forms the name model kept apart)
        "page_coauthor_components", // as in PairFeatures
        "page_topic_focus",         // as in PairFeatures
        "cohesion_min",             // lower of the two clusters' mean internal pair probability; NaN when both are single papers
        "cohesion_contrast",        // affinity_mean minus cohesion_min: parts of one person link about as well as they hold together
    ];

    /// <summary>Number of features, as a constant for ML.NET's vector column type.</summary>
    public const int FixedCount = 27;

    /// <summary>The indexes of the features that depend only on the page (the same for every cluster pair of a page).</summary>
    public static ReadOnlySpan<int> PageLevel => PageLevelIndexes;

    private static readonly int[] PageLevelIndexes = PairFeatures.PageLevelNames.Select(n => Names.ToList().IndexOf(n)).ToArray();

    /// <summary>The values of the <see cref="PageLevel"/> features on <paramref name="page"/>, in that order (the pair model's).</summary>
    public static float[] PageLevelValues(PageFeatureContext page) => PairFeatures.PageLevelValues(page);

    /// <summary>
    /// Writes the features of clusters <paramref name="a"/> and <paramref name="b"/>: the one-pair form of
    /// <see cref="ClusterPairFeatureBatch"/>, the one code path that computes them.
    /// </summary>
    public static void Compute(PageFeatureContext page, ClusterProfile a, ClusterProfile b, LinkStats links, Span<float> into) =>
        new ClusterPairFeatureBatch(page).Compute(a, b, links, into);
}
