using ArrowDisambig.Features;

namespace ArrowDisambig.Clustering;

/// <summary>
/// The second clustering stage: greedily joins the pair of clusters the merge model is surest about,
/// recomputes the joined cluster's profile and its candidates, and stops when no candidate pair reaches
/// the cut. Candidates are cluster pairs joined by a scored paper pair or a shared co-author, so the work
/// follows the sparse graph rather than all cluster pairs. Cannot-link constraints are kept.
/// </summary>
public static class ProfileMerger
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

    /// <summary>
    /// Runs the greedy stage down to <paramref name="floor"/> and reports every cluster pair it scores, with the
    /// papers of both clusters at that moment. For training the merge model on the clusters it meets at run time:
    /// they grow as it merges, so a model that only saw the initial clusters over-trusts counts (shared co-authors,
    /// shared venues) that grow with cluster size, and snowballs.
    /// </summary>
    public static void VisitScoredPairs(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities,
        IClusterPairScorer merger, double floor, Action<IReadOnlyList<int>, IReadOnlyList<int>, ReadOnlySpan<float>> visit) =>
        Run(page, initial, affinities, merger, floor, Constraints.None, null, visit);

    /// <summary>Features of every candidate pair of the initial clusters (for training the merge model).</summary>
    public static List<(int C, int D, float[] Features)> InitialCandidates(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities)
    {
        var result = new List<(int, int, float[])>();
        if (initial.ClusterCount < 2) return result;
        var state = new MergeState(page, initial, affinities, Constraints.None);
        var features = new ClusterPairFeatureBatch(page);
        for (int c = 0; c < initial.ClusterCount; c++)
            foreach (int d in state.Candidates(c))
                if (c < d)
                {
                    var x = new float[ClusterPairFeatures.FixedCount];
                    features.Compute(state.Profile[c]!, state.Profile[d]!, state.Links(c, d), x);
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
        return Agglomerative.Assign(state.ClusterOfPaper(), affinities);
    }

    private static MergeState Run(PageFeatureContext page, ClusterAssignment initial, IReadOnlyList<Affinity> affinities,
        IClusterPairScorer merger, double minProbability, Constraints constraints, List<(int, int, float)>? sequence,
        Action<IReadOnlyList<int>, IReadOnlyList<int>, ReadOnlySpan<float>>? visit = null)
    {
        const int F = ClusterPairFeatures.FixedCount;
        int k = initial.ClusterCount;
        var state = new MergeState(page, initial, affinities, constraints);
        if (k < 2) return state;
        var queue = new PriorityQueue<(int C, int D, int Vc, int Vd), float>();
        var scorer = merger.ForPage(page);
        var features = new ClusterPairFeatureBatch(page);
        var others = new List<int>();
        float[] rows = [];
        float[] probabilities = [];

        for (int c = 0; c < k; c++)
        {
            others.Clear();
            foreach (int d in state.Candidates(c))
                if (c < d) others.Add(d);
            Push(c);
        }

        while (queue.TryDequeue(out var item, out float negP))
        {
            var (c, d, vc, vd) = item;
            if (!state.Alive(c) || !state.Alive(d) || state.Version[c] != vc || state.Version[d] != vd) continue;
            if (-negP < minProbability) break;
            sequence?.Add((c, d, -negP));
            int merged = state.Join(c, d);
            others.Clear();
            others.AddRange(state.Candidates(merged));
            Push(merged);
        }
        return state;

        // Scores c against each of `others` (in one batch) and queues, in that order, the pairs at the cut or above.
        void Push(int c)
        {
            others.RemoveAll(d => state.CannotLink(c, d));
            int n = others.Count;
            if (n == 0) return;
            if (rows.Length < n * F) { rows = new float[Math.Max(n, 2 * rows.Length / F) * F]; probabilities = new float[rows.Length / F]; }
            var profile = state.Profile[c]!;
            features.Anchor(profile);
            for (int j = 0; j < n; j++)
                features.Compute(profile, state.Profile[others[j]]!, state.Links(c, others[j]), rows.AsSpan(j * F, F));
            scorer.Score(rows.AsSpan(0, n * F), n, probabilities);
            if (visit is not null)
                for (int j = 0; j < n; j++) visit(state.Members(c), state.Members(others[j]), rows.AsSpan(j * F, F));
            for (int j = 0; j < n; j++)
                if (probabilities[j] >= minProbability) queue.Enqueue((c, others[j], state.Version[c], state.Version[others[j]]), -probabilities[j]);
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
        // Candidates: _seen[d] == _epoch marks d as already listed in this call.
        private readonly int[] _seen;
        private int _epoch;

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
            // Each cluster's cross pairs in list order, as flat arrays, then its map from them: the link sums
            // add up in list order, and building one map at a time stays in the cache.
            var labels = initial.Labels;
            var start = new int[k + 1];
            foreach (var a in affinities)
            {
                int c = labels[a.A], d = labels[a.B];
                if (c != d) { start[c + 1]++; start[d + 1]++; }
            }
            for (int c = 0; c < k; c++) start[c + 1] += start[c];
            var fill = start[..k];
            var other = new int[start[k]];
            var prob = new float[start[k]];
            foreach (var a in affinities)
            {
                int c = labels[a.A], d = labels[a.B];
                if (c == d) continue;
                other[fill[c]] = d; prob[fill[c]++] = a.P;
                other[fill[d]] = c; prob[fill[d]++] = a.P;
            }
            for (int c = 0; c < k; c++)
                for (int j = start[c]; j < start[c + 1]; j++) AddLink(c, other[j], LinkStats.Of(prob[j]));
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
            _seen = new int[k];
        }

        public ClusterProfile?[] Profile { get; }
        public int[] Version { get; }

        public bool Alive(int c) => _members[c] is not null;

        /// <summary>The papers of live cluster <paramref name="c"/>.</summary>
        public IReadOnlyList<int> Members(int c) => _members[c]!;

        public bool CannotLink(int c, int d) => _cannot[c]?.Contains(d) == true;

        public LinkStats Links(int c, int d) => _links[c]?.GetValueOrDefault(d) ?? default;

        /// <summary>Clusters worth scoring against <paramref name="c"/>, ascending: linked by a good paper pair, or sharing a co-author.</summary>
        public List<int> Candidates(int c)
        {
            var result = new List<int>();
            int e = ++_epoch;
            _seen[c] = e;
            if (_links[c] is { } links)
                foreach (var (d, l) in links)
                    if (l.Max >= CandidateAffinity && _seen[d] != e) { _seen[d] = e; result.Add(d); }
            foreach (int co in Profile[c]!.CoauthorMap.Keys)
                foreach (int d in _clustersOfCoauthor[co])
                    if (_seen[d] != e) { _seen[d] = e; result.Add(d); }
            result.RemoveAll(d => !Alive(d));
            result.Sort();
            return result;
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
