using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Clustering;
using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Model;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Pipeline;

/// <summary>Wall time spent in each stage, in milliseconds.</summary>
public sealed record StageTimings(double Graph, double Features, double Score, double Cluster)
{
    /// <summary>Sums timings.</summary>
    public static StageTimings operator +(StageTimings a, StageTimings b) =>
        new(a.Graph + b.Graph, a.Features + b.Features, a.Score + b.Score, a.Cluster + b.Cluster);

    /// <summary>All zero.</summary>
    public static StageTimings Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>One page after clustering: a label, identity id and confidence per paper.</summary>
public sealed record PageResult(
    ClusterPage Page,
    PageContext Context,
    ClusterAssignment Assignment,
    IReadOnlyList<string> IdentityIds,
    IReadOnlyList<Affinity> Affinities,
    long ScoredPairs,
    StageTimings Timings);

/// <summary>
/// Runs the stages after parsing on one page: names and graph, features, pair scoring, clustering.
/// Holds no mutable state, so pages can be processed in parallel with one instance.
/// </summary>
public sealed class PageProcessor(IPairScorer scorer, IIdentityClusterer clusterer, NameFrequencies frequencies, TopicSpace? topics = null)
{
    /// <summary>The scorer in use.</summary>
    public IPairScorer Scorer { get; } = scorer;

    /// <summary>The Clustering stage in use.</summary>
    public IIdentityClusterer Clusterer { get; } = clusterer;

    /// <summary>Affinities below this are not kept: they cannot pull clusters together and would only cost memory.</summary>
    public const float KeepAffinity = 0.01f;

    /// <summary>Processes one page under the given constraints.</summary>
    public PageResult Process(ClusterPage page, Constraints? constraints = null)
    {
        var sw = Stopwatch.StartNew();
        var ctx = PageContext.Build(page);
        double tGraph = sw.Elapsed.TotalMilliseconds;
        var features = PageFeatureContext.Build(ctx, frequencies, topics);
        var pairs = CandidatePairs.For(features);
        double tFeatures = sw.Elapsed.TotalMilliseconds;
        var probs = ScoreAll(features, pairs);
        var affinities = new List<Affinity>();
        for (int k = 0; k < pairs.Count; k++)
            if (probs[k] >= KeepAffinity) affinities.Add(new Affinity(pairs[k].A, pairs[k].B, probs[k]));
        double tScore = sw.Elapsed.TotalMilliseconds;
        var assignment = Clusterer.Cluster(features, affinities, constraints ?? Constraints.None);
        var ids = IdentityIds(page, assignment);
        double tCluster = sw.Elapsed.TotalMilliseconds;
        return new PageResult(page, ctx, assignment, ids, affinities, pairs.Count,
            new StageTimings(tGraph, tFeatures - tGraph, tScore - tFeatures, tCluster - tScore));
    }

    /// <summary>
    /// A page result from a cached clustering (see <see cref="PageCache"/>): only the cheap Names and Graph
    /// stages run again, for the evidence and profiles the outputs need.
    /// </summary>
    public PageResult Rebuild(ClusterPage page, CachedClustering cached)
    {
        var sw = Stopwatch.StartNew();
        var ctx = PageContext.Build(page);
        var assignment = new ClusterAssignment(cached.Labels, cached.Confidence);
        return new PageResult(page, ctx, assignment, IdentityIds(page, assignment), cached.Affinities, cached.ScoredPairs,
            StageTimings.Zero with { Graph = sw.Elapsed.TotalMilliseconds });
    }

    /// <summary>Pairs per scoring chunk: big pages are scored on every core, small ones on the calling thread.</summary>
    public const int ScoreChunk = 16_384;

    private float[] ScoreAll(PageFeatureContext features, IReadOnlyList<(int A, int B)> pairs)
    {
        var probs = new float[pairs.Count];
        if (pairs.Count <= ScoreChunk)
        {
            Scorer.Score(features, pairs, probs);
            return probs;
        }
        int chunks = (pairs.Count + ScoreChunk - 1) / ScoreChunk;
        var list = pairs as List<(int A, int B)> ?? pairs.ToList();
        Parallel.For(0, chunks, c =>
        {
            int start = c * ScoreChunk, count = Math.Min(ScoreChunk, pairs.Count - start);
            Scorer.Score(features, list.GetRange(start, count), probs.AsSpan(start, count));
        });
        return probs;
    }

    /// <summary>
    /// Deterministic identity ids: a hash of the page name and the smallest paper key of the identity, so
    /// the same input gives the same ids and ids do not depend on page order. Duplicate papers (same key)
    /// can put one key in two identities; the later one, by its sorted keys, gets an ordinal salt so ids
    /// stay unique on the page.
    /// </summary>
    public static IReadOnlyList<string> IdentityIds(ClusterPage page, ClusterAssignment assignment)
    {
        var keys = new Dictionary<int, List<string>>();
        for (int p = 0; p < page.Papers.Count; p++)
        {
            int l = assignment.Labels[p];
            if (!keys.TryGetValue(l, out var list)) keys[l] = list = new();
            list.Add(PaperKey.Of(page.Papers[p]));
        }
        string name = TextFold.Fold(page.ClusterName);
        var idOf = new Dictionary<int, string>();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, list) in keys.Select(x => (x.Key, x.Value.Order(StringComparer.Ordinal).ToList()))
                     .OrderBy(x => string.Join(' ', x.Item2), StringComparer.Ordinal))
        {
            string basis = $"{name}|{list[0]}";
            int n = used[basis] = used.GetValueOrDefault(basis) + 1;
            idOf[label] = "id-" + Hash(n == 1 ? basis : $"{basis}|{n}");
        }
        return assignment.Labels.Select(l => idOf[l]).ToList();
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..12];
}

/// <summary>Which pairs of a page are scored.</summary>
public static class CandidatePairs
{
    /// <summary>Pages up to this size score every pair.</summary>
    public const int ExhaustiveLimit = 1500;

    /// <summary>
    /// Every pair for pages up to <see cref="ExhaustiveLimit"/> papers; above that, only pairs that share a
    /// co-author, a venue or a title word that is rare on the page (inverted indexes), so the count stays
    /// near-linear in the page size.
    /// </summary>
    public static IReadOnlyList<(int A, int B)> For(PageFeatureContext page)
    {
        int n = page.Context.Count;
        if (n <= ExhaustiveLimit)
        {
            var all = new List<(int, int)>(n * (n - 1) / 2);
            for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) all.Add((a, b));
            return all;
        }
        var set = new HashSet<(int, int)>();
        var g = page.Context.Graph;
        for (int c = 0; c < g.CoauthorNames.Count; c++) AddAll(g.PapersOf(c).ToArray());
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int p = 0; p < n; p++)
        {
            if (page.Text.VenueKey[p].Length > 0) Add("v:" + page.Text.VenueKey[p], p);
            foreach (int w in page.Text.TitleWords[p]) Add("t:" + w, p);
        }
        int rareLimit = Math.Max(20, (int)Math.Sqrt(n) * 4);
        foreach (var list in byKey.Values) if (list.Count <= rareLimit) AddAll(list.ToArray());
        return set.Order().ToList();

        void Add(string key, int p) { if (!byKey.TryGetValue(key, out var l)) byKey[key] = l = new(); l.Add(p); }
        void AddAll(int[] papers)
        {
            for (int x = 0; x < papers.Length; x++) for (int y = x + 1; y < papers.Length; y++)
                set.Add((Math.Min(papers[x], papers[y]), Math.Max(papers[x], papers[y])));
        }
    }
}
