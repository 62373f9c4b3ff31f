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
        return Agglomerative.Assign(state.ClusterOfPaper(), affinities);
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
            Profile = _members.Select(m => ClusterProfile.Of(page, m!)).ToArray();
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
            Profile[c] = ClusterProfile.Merge(Profile[c]!, Profile[d]!);
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
