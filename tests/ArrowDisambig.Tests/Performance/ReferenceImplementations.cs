using ArrowDisambig.Collections;
using ArrowDisambig.Clustering;
using ArrowDisambig.Features;

namespace ArrowDisambig.Tests.Performance;

// The implementations before the performance work (commit 8f185d5), kept as references that the fast code
// must reproduce. Only the tie order is made explicit (lowestIdsOnTies): the original left equal averages in heap
// order and, between equally large neighbour maps, kept whichever cluster the queue entry named first.

internal static class ReferenceAgglomerative
{
    /// <summary>Clusters <paramref name="n"/> papers.</summary>
    /// <exception cref="ConstraintConflictException">A must-link chain joins two papers that a cannot-link separates.</exception>
    public static ClusterAssignment Cluster(int n, IEnumerable<Affinity> affinities, double minAffinity, Constraints constraints, bool lowestIdsOnTies = true)
    {
        // Must-links first: their components start as clusters.
        var uf = new UnionFind(n);
        foreach (var (a, b) in constraints.MustLink) uf.Union(a, b);
        var root = new int[n];
        for (int i = 0; i < n; i++) root[i] = uf.Find(i);
        foreach (var (a, b) in constraints.CannotLink)
            if (root[a] == root[b]) throw new ConstraintConflictException(a, b);

        var size = new int[n];
        var sums = new Dictionary<int, double>?[n];
        var cannot = new HashSet<int>?[n];
        for (int i = 0; i < n; i++) size[root[i]]++;
        foreach (var (a, b) in constraints.CannotLink)
        {
            (cannot[root[a]] ??= new()).Add(root[b]);
            (cannot[root[b]] ??= new()).Add(root[a]);
        }
        // sums[c][d] = total affinity between clusters c and d (each pair once per direction).
        var scored = affinities as IReadOnlyList<Affinity> ?? affinities.ToList();
        foreach (var e in scored)
        {
            if (e.A == e.B) continue;
            int ra = root[e.A], rb = root[e.B];
            if (ra == rb) continue;
            (sums[ra] ??= new())[rb] = sums[ra]!.GetValueOrDefault(rb) + e.P;
            (sums[rb] ??= new())[ra] = sums[rb]!.GetValueOrDefault(ra) + e.P;
        }

        var members = new List<int>?[n];
        for (int i = 0; i < n; i++) (members[root[i]] ??= new()).Add(i);
        var version = new int[n];
        var alive = new bool[n];
        for (int i = 0; i < n; i++) alive[root[i]] = true;
        var queue = new PriorityQueue<(int C, int D, int Vc, int Vd), (double NegAvg, int Lo, int Hi)>(Comparer<(double NegAvg, int Lo, int Hi)>.Create((x, y) =>
            x.NegAvg != y.NegAvg ? x.NegAvg.CompareTo(y.NegAvg) : !lowestIdsOnTies ? 0 : x.Lo != y.Lo ? x.Lo.CompareTo(y.Lo) : x.Hi.CompareTo(y.Hi)));
        for (int c = 0; c < n; c++)
            if (alive[c] && sums[c] is { } sc)
                foreach (var (d, s) in sc)
                    if (c < d) Enqueue(c, d, s);

        while (queue.TryDequeue(out var item, out var priority))
        {
            var (c, d, vc, vd) = item;
            if (!alive[c] || !alive[d] || version[c] != vc || version[d] != vd) continue;
            if (-priority.NegAvg < minAffinity) break;
            if (cannot[c]?.Contains(d) == true) continue;
            // Merge the smaller neighbour map into the larger one (made explicit: into the lower id when they are as large).
            int countC = sums[c]?.Count ?? 0, countD = sums[d]?.Count ?? 0;
            if (countC < countD || (lowestIdsOnTies && countC == countD && d < c)) (c, d) = (d, c);
            alive[d] = false;
            size[c] += size[d];
            version[c]++;
            var sc = sums[c] ??= new();
            sc.Remove(d);
            if (sums[d] is { } sd)
                foreach (var (x, s) in sd)
                {
                    if (x == c) continue;
                    sc[x] = sc.GetValueOrDefault(x) + s;
                    var sx = sums[x]!;
                    sx.Remove(d);
                    sx[c] = sx.GetValueOrDefault(c) + s;
                }
            sums[d] = null;
            if (cannot[d] is { } cd)
            {
                var cc = cannot[c] ??= new();
                foreach (var x in cd) { cc.Add(x); cannot[x]!.Remove(d); cannot[x]!.Add(c); }
                cannot[d] = null;
            }
            foreach (var (x, s) in sc) Enqueue(c, x, s);
            foreach (int i in members[d]!) root[i] = c;
            members[c]!.AddRange(members[d]!);
            members[d] = null;
        }

        return Assign(root, scored);

        void Enqueue(int c, int d, double s)
        {
            if (cannot[c]?.Contains(d) == true) return;
            double avg = s / ((double)size[c] * size[d]);
            if (avg >= minAffinity) queue.Enqueue((c, d, version[c], version[d]), (-avg, Math.Min(c, d), Math.Max(c, d)));
        }
    }

    /// <summary>
    /// Relabels clusters 0..k-1 in order of their first paper and computes each paper's confidence:
    /// 0.5 + (mean affinity to its own cluster − best mean affinity to another cluster) / 2.
    /// </summary>
    /// <param name="clusterOfPaper">Any cluster key per paper.</param>
    /// <param name="affinities">The scored pairs, each once.</param>
    public static ClusterAssignment Assign(IReadOnlyList<int> clusterOfPaper, IEnumerable<Affinity> affinities)
    {
        int n = clusterOfPaper.Count;
        var relabel = new Dictionary<int, int>();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!relabel.TryGetValue(clusterOfPaper[i], out int l)) relabel[clusterOfPaper[i]] = l = relabel.Count;
            labels[i] = l;
        }
        var clusterSize = new int[relabel.Count];
        foreach (var l in labels) clusterSize[l]++;

        // Per paper: total affinity to each cluster.
        var toCluster = new Dictionary<int, double>[n];
        for (int i = 0; i < n; i++) toCluster[i] = new();
        foreach (var (a, b, p) in affinities)
        {
            toCluster[a][labels[b]] = toCluster[a].GetValueOrDefault(labels[b]) + p;
            toCluster[b][labels[a]] = toCluster[b].GetValueOrDefault(labels[a]) + p;
        }
        var confidence = new double[n];
        for (int i = 0; i < n; i++)
        {
            int own = labels[i];
            double best = 0;
            foreach (var (l, s) in toCluster[i])
                if (l != own) best = Math.Max(best, s / clusterSize[l]);
            // A singleton has no evidence for itself; its confidence is how clearly it stays apart.
            double within = clusterSize[own] > 1 ? toCluster[i].GetValueOrDefault(own) / (clusterSize[own] - 1) : 1 - best;
            confidence[i] = Math.Clamp(0.5 + (within - best) / 2, 0, 1);
        }
        return new ClusterAssignment(labels, confidence);
    }
}


/// <summary>
/// The second clustering stage: greedily joins the pair of clusters the merge model is surest about,
/// recomputes the joined cluster's profile and its candidates, and stops when no candidate pair reaches
/// the cut. Candidates are cluster pairs joined by a scored paper pair or a shared co-author, so the work
/// follows the sparse graph rather than all cluster pairs. Cannot-link constraints are kept.
/// </summary>
internal static class ReferenceProfileMerger
{
    /// <summary>Cross pairs whose best paper affinity is below this are not candidates unless they share a co-author.</summary>
    public const float CandidateAffinity = 0.05f;

    /// <summary>
    /// The merges the greedy stage makes down to <paramref name="floor"/>, in order, with their probabilities.
    /// Running with a cut t applies this sequence up to its first probability below t, so a cut can be tuned
    /// from one run. Cluster ids are those of <paramref name="initial"/>; a merge joins the second into the first.
    /// </summary>
    public static List<(int C, int D, float P)> MergeSequence(PageFeatureContext page, ClusterAssignment initial,
        IReadOnlyList<Affinity> affinities, IClusterPairScorer merger, double floor)
    {
        var sequence = new List<(int, int, float)>();
        Run(page, initial, affinities, merger, floor, Constraints.None, sequence);
        return sequence;
    }

    /// <summary>Features of every candidate pair of the initial clusters (for training the merge model).</summary>
    public static List<(int C, int D, float[] Features)> InitialCandidates(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities)
    {
        var result = new List<(int, int, float[])>();
        if (initial.ClusterCount < 2) return result;
        var state = new MergeState(page, initial, affinities, Constraints.None);
        for (int c = 0; c < initial.ClusterCount; c++)
            foreach (int d in state.Candidates(c))
                if (c < d)
                {
                    var x = new float[ClusterPairFeatures.FixedCount];
                    ClusterPairFeatures.Compute(page, state.Profile[c]!, state.Profile[d]!, state.Links(c, d), x);
                    result.Add((c, d, x));
                }
        return result;
    }

    /// <summary>Joins clusters of <paramref name="initial"/>.</summary>
    public static ClusterAssignment Merge(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities,
        IClusterPairScorer merger, double minProbability, Constraints constraints)
    {
        if (initial.ClusterCount < 2) return initial;
        var state = Run(page, initial, affinities, merger, minProbability, constraints, null);
        return ReferenceAgglomerative.Assign(state.ClusterOfPaper(), affinities);
    }

    private static MergeState Run(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities,
        IClusterPairScorer merger, double minProbability, Constraints constraints, List<(int, int, float)>? sequence)
    {
        int k = initial.ClusterCount;
        var state = new MergeState(page, initial, affinities, constraints);
        if (k < 2) return state;
        var queue = new PriorityQueue<(int C, int D, int Vc, int Vd), float>();
        Span<float> x = stackalloc float[ClusterPairFeatures.FixedCount];

        for (int c = 0; c < k; c++)
            foreach (int d in state.Candidates(c))
                if (c < d) Push(c, d, x);

        while (queue.TryDequeue(out var item, out float negP))
        {
            var (c, d, vc, vd) = item;
            if (!state.Alive(c) || !state.Alive(d) || state.Version[c] != vc || state.Version[d] != vd) continue;
            if (-negP < minProbability) break;
            sequence?.Add((c, d, -negP));
            int merged = state.Join(c, d);
            foreach (int e in state.Candidates(merged)) Push(merged, e, x);
        }
        return state;

        void Push(int c, int d, Span<float> buffer)
        {
            if (state.CannotLink(c, d)) return;
            ClusterPairFeatures.Compute(page, state.Profile[c]!, state.Profile[d]!, state.Links(c, d), buffer);
            float p = merger.Score(buffer);
            if (p >= minProbability) queue.Enqueue((c, d, state.Version[c], state.Version[d]), -p);
        }
    }

    /// <summary>Clusters, their profiles, links and constraints while merging.</summary>
    private sealed class MergeState
    {
        private readonly PageFeatureContext _page;
        private readonly List<int>?[] _members;
        private readonly Dictionary<int, LinkStats>?[] _links;
        private readonly HashSet<int>?[] _cannot;
        private readonly Dictionary<int, HashSet<int>> _clustersOfCoauthor = new();

        public MergeState(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities, Constraints constraints)
        {
            _page = page;
            int k = initial.ClusterCount;
            _members = new List<int>?[k];
            for (int p = 0; p < initial.Labels.Count; p++) (_members[initial.Labels[p]] ??= new()).Add(p);
            var internalAffinity = new double[k];
            foreach (var a in affinities)
                if (initial.Labels[a.A] == initial.Labels[a.B]) internalAffinity[initial.Labels[a.A]] += a.P;
            Profile = _members.Select((m, c) => ClusterProfile.Of(page, m!, internalAffinity[c])).ToArray();
            Version = new int[k];
            _links = new Dictionary<int, LinkStats>?[k];
            foreach (var a in affinities)
            {
                int c = initial.Labels[a.A], d = initial.Labels[a.B];
                if (c == d) continue;
                AddLink(c, d, LinkStats.Of(a.P));
                AddLink(d, c, LinkStats.Of(a.P));
            }
            _cannot = new HashSet<int>?[k];
            foreach (var (a, b) in constraints.CannotLink)
            {
                int c = initial.Labels[a], d = initial.Labels[b];
                (_cannot[c] ??= new()).Add(d);
                (_cannot[d] ??= new()).Add(c);
            }
            for (int c = 0; c < k; c++)
                foreach (int co in Profile[c]!.Coauthors.Keys)
                {
                    if (!_clustersOfCoauthor.TryGetValue(co, out var set)) _clustersOfCoauthor[co] = set = new();
                    set.Add(c);
                }
        }

        public ClusterProfile?[] Profile { get; }
        public int[] Version { get; }

        public bool Alive(int c) => _members[c] is not null;

        public bool CannotLink(int c, int d) => _cannot[c]?.Contains(d) == true;

        public LinkStats Links(int c, int d) => _links[c]?.GetValueOrDefault(d) ?? default;

        /// <summary>Clusters worth scoring against <paramref name="c"/>: linked by a good paper pair, or sharing a co-author.</summary>
        public IEnumerable<int> Candidates(int c)
        {
            var result = new HashSet<int>();
            if (_links[c] is { } links)
                foreach (var (d, l) in links) if (l.Max >= CandidateAffinity) result.Add(d);
            foreach (int co in Profile[c]!.Coauthors.Keys)
                foreach (int d in _clustersOfCoauthor[co]) result.Add(d);
            result.Remove(c);
            return result.Where(Alive).Order();
        }

        /// <summary>Joins <paramref name="d"/> into <paramref name="c"/>; returns <paramref name="c"/>.</summary>
        public int Join(int c, int d)
        {
            foreach (int co in Profile[d]!.Coauthors.Keys)
            {
                var set = _clustersOfCoauthor[co];
                set.Remove(d);
                set.Add(c);
            }
            _members[c]!.AddRange(_members[d]!);
            _members[d] = null;
            Profile[c] = ClusterProfile.Merge(Profile[c]!, Profile[d]!, Links(c, d));
            Profile[d] = null;
            Version[c]++;
            if (_links[d] is { } ld)
                foreach (var (x, l) in ld)
                {
                    if (x == c) continue;
                    AddLink(c, x, l);
                    _links[x]!.Remove(d);
                    AddLink(x, c, l);
                }
            _links[c]?.Remove(d);
            _links[d] = null;
            if (_cannot[d] is { } cd)
            {
                var cc = _cannot[c] ??= new();
                foreach (int x in cd) { cc.Add(x); _cannot[x]!.Remove(d); _cannot[x]!.Add(c); }
                _cannot[d] = null;
            }
            return c;
        }

        public int[] ClusterOfPaper()
        {
            var result = new int[_page.Context.Count];
            for (int c = 0; c < _members.Length; c++)
                if (_members[c] is { } m) foreach (int p in m) result[p] = c;
            return result;
        }

        private void AddLink(int c, int d, LinkStats l)
        {
            var map = _links[c] ??= new();
            map[d] = map.GetValueOrDefault(d) + l;
        }
    }
}

/// <summary>Which pairs of a page are scored.</summary>
internal static class ReferenceCandidatePairs
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
