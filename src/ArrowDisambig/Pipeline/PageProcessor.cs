using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
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

    /// <summary>The same stages with another Clustering stage (e.g. other cuts for a comparison).</summary>
    public PageProcessor WithClusterer(IIdentityClusterer other) =>
        new(Scorer, other, frequencies, topics) { ExhaustiveLimit = ExhaustiveLimit, SubBlockSize = SubBlockSize };

    /// <summary>Affinities below this are not kept: they cannot pull clusters together and would only cost memory.</summary>
    public const float KeepAffinity = 0.01f;

    /// <summary>
    /// Pages up to this many papers score every pair; larger ones only candidate pairs from inverted indexes
    /// (see <see cref="CandidatePairs"/>). 0 blocks every page.
    /// </summary>
    public int ExhaustiveLimit { get; init; } = CandidatePairs.ExhaustiveLimit;

    /// <summary>
    /// Above <see cref="ExhaustiveLimit"/>, every pair inside topic sub-blocks of at most this many papers is
    /// scored too (see <see cref="CandidatePairs"/>); 1 keeps only the inverted-index pairs.
    /// </summary>
    public int SubBlockSize { get; init; } = CandidatePairs.SubBlockSize;

    /// <summary>Processes one page under the given constraints.</summary>
    public PageResult Process(ClusterPage page, Constraints? constraints = null)
    {
        var sw = Stopwatch.StartNew();
        var ctx = PageContext.Build(page);
        double tGraph = sw.Elapsed.TotalMilliseconds;
        var features = PageFeatureContext.Build(ctx, frequencies, topics);
        var pairs = CandidatePairs.For(features, ExhaustiveLimit, SubBlockSize);
        double tPrepared = sw.Elapsed.TotalMilliseconds;
        var (probs, featureShare) = ScoreAll(features, pairs);
        var affinities = new List<Affinity>();
        for (int k = 0; k < pairs.Count; k++)
            if (probs[k] >= KeepAffinity) affinities.Add(new Affinity(pairs[k].A, pairs[k].B, probs[k]));
        double tScored = sw.Elapsed.TotalMilliseconds;
        var assignment = Clusterer.Cluster(features, affinities, constraints ?? Constraints.None);
        var ids = IdentityIds(page, assignment);
        double tCluster = sw.Elapsed.TotalMilliseconds;
        // Pair features are computed inside the scoring pass, block by block; its wall time is split by the
        // measured share of featurisation.
        double scoring = tScored - tPrepared;
        return new PageResult(page, ctx, assignment, ids, affinities, pairs.Count,
            new StageTimings(tGraph, tPrepared - tGraph + scoring * featureShare, scoring * (1 - featureShare), tCluster - tScored));
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

    /// <summary>Pairs featurised, then scored, together: their vectors stay in the L2 cache.</summary>
    private const int VectorBlock = 1024;

    /// <summary>The probability of every pair, and the share of the time spent computing features (0 when the scorer does both at once).</summary>
    private (float[] Probabilities, double FeatureShare) ScoreAll(PageFeatureContext features, List<(int A, int B)> pairs)
    {
        var probs = new float[pairs.Count];
        int chunks = (pairs.Count + ScoreChunk - 1) / ScoreChunk;
        if (Scorer is not IFeatureVectorScorer vectors)
        {
            if (chunks <= 1) Scorer.Score(features, pairs, probs);
            else
                Parallel.For(0, chunks, c =>
                {
                    int start = c * ScoreChunk, count = Math.Min(ScoreChunk, pairs.Count - start);
                    Scorer.Score(features, pairs.GetRange(start, count), probs.AsSpan(start, count));
                });
            return (probs, 0);
        }

        long featureTicks = 0, scoreTicks = 0;
        if (chunks <= 1) Chunk(0);
        else Parallel.For(0, chunks, Chunk);
        long total = featureTicks + scoreTicks;
        return (probs, total == 0 ? 0 : (double)featureTicks / total);

        void Chunk(int c)
        {
            const int F = PairFeatures.FixedCount;
            int start = c * ScoreChunk, end = Math.Min(pairs.Count, start + ScoreChunk);
            var rows = ArrayPool<float>.Shared.Rent(Math.Min(VectorBlock, end - start) * F);
            long f = 0, s = 0;
            try
            {
                for (int b = start; b < end; b += VectorBlock)
                {
                    int count = Math.Min(VectorBlock, end - b);
                    long t0 = Stopwatch.GetTimestamp();
                    PairFeatures.ComputeMany(features, CollectionsMarshal.AsSpan(pairs).Slice(b, count), rows);
                    long t1 = Stopwatch.GetTimestamp();
                    vectors.ScoreVectors(features, rows.AsSpan(0, count * F), count, probs.AsSpan(b, count));
                    f += t1 - t0;
                    s += Stopwatch.GetTimestamp() - t1;
                }
            }
            finally { ArrayPool<float>.Shared.Return(rows); }
            Interlocked.Add(ref featureTicks, f);
            Interlocked.Add(ref scoreTicks, s);
        }
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

    /// <summary>Bigger pages also score every pair inside topic sub-blocks of at most this many papers.</summary>
    public const int SubBlockSize = 200;

    /// <summary>
    /// Every pair for pages up to <see cref="ExhaustiveLimit"/> papers; above that, only pairs that share a
    /// co-author, a venue or a title word that is rare on the page (inverted indexes), or a topic sub-block
    /// of at most <see cref="SubBlockSize"/> papers (<see cref="TopicBlocks"/>), so the count stays
    /// near-linear in the page size.
    /// </summary>
    public static IReadOnlyList<(int A, int B)> For(PageFeatureContext page) => For(page, ExhaustiveLimit);

    /// <summary>
    /// As <see cref="For(PageFeatureContext)"/> with other limits: <paramref name="exhaustiveLimit"/> 0 blocks
    /// every page; <paramref name="subBlockSize"/> 1 keeps only the inverted-index pairs. Pairs come sorted by
    /// first paper, then second, first &lt; second.
    /// </summary>
    public static List<(int A, int B)> For(PageFeatureContext page, int exhaustiveLimit, int subBlockSize = SubBlockSize)
    {
        int n = page.Context.Count;
        if (n <= exhaustiveLimit)
        {
            var all = new List<(int, int)>(n * (n - 1) / 2);
            for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) all.Add((a, b));
            return all;
        }

        // Inverted indexes: papers per venue and per title word, kept only when rare on the page.
        int rareLimit = Math.Max(20, (int)Math.Sqrt(n) * 4);
        var venueIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var venuePapers = new List<List<int>>();
        var wordPapers = new Dictionary<int, List<int>>();
        for (int p = 0; p < n; p++)
        {
            string v = page.Text.VenueKey[p];
            if (v.Length > 0)
            {
                if (!venueIds.TryGetValue(v, out int id)) { venueIds[v] = id = venuePapers.Count; venuePapers.Add([]); }
                venuePapers[id].Add(p);
            }
            foreach (int w in page.Text.TitleWords[p])
            {
                if (!wordPapers.TryGetValue(w, out var list)) wordPapers[w] = list = [];
                list.Add(p);
            }
        }
        var rareVenue = venuePapers.Select(l => l.Count <= rareLimit ? l.ToArray() : null).ToArray();
        var rareWord = wordPapers.Where(x => x.Value.Count <= rareLimit).ToDictionary(x => x.Key, x => x.Value.ToArray());
        var venueOf = new int[n];
        for (int p = 0; p < n; p++) venueOf[p] = page.Text.VenueKey[p].Length > 0 ? venueIds[page.Text.VenueKey[p]] : -1;
        var blockOf = new int[n][];
        if (subBlockSize >= 2)
            foreach (var block in TopicBlocks.Split(page, subBlockSize))
                foreach (int p in block) blockOf[p] = block;

        // Per first paper, the later papers it shares a key with, deduplicated by a stamp and sorted.
        var g = page.Context.Graph;
        var pairs = new List<(int A, int B)>();
        var seen = new int[n];
        Array.Fill(seen, -1);
        var partners = new List<int>();
        for (int a = 0; a < n; a++)
        {
            partners.Clear();
            foreach (int c in g.CoauthorsOf(a)) Add(g.PapersOf(c), a);
            if (venueOf[a] >= 0 && rareVenue[venueOf[a]] is { } sameVenue) Add(sameVenue, a);
            foreach (int w in page.Text.TitleWords[a])
                if (rareWord.TryGetValue(w, out var sameWord)) Add(sameWord, a);
            if (blockOf[a] is { } sameTopic) Add(sameTopic, a);
            partners.Sort();
            foreach (int b in partners) pairs.Add((a, b));
        }
        return pairs;

        void Add(ReadOnlySpan<int> papers, int a)
        {
            // Posting lists are sorted: start after a.
            int start = papers.BinarySearch(a + 1);
            if (start < 0) start = ~start;
            for (int k = start; k < papers.Length; k++)
            {
                int b = papers[k];
                if (seen[b] != a) { seen[b] = a; partners.Add(b); }
            }
        }
    }
}
