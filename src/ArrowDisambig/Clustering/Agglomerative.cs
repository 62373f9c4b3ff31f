using ArrowDisambig.Collections;
namespace ArrowDisambig.Clustering;

/// <summary>An affinity between two papers of a page: the probability that they are by the same person.</summary>
public readonly record struct Affinity(int A, int B, float P);

/// <summary>Must-link and cannot-link pairs of papers (by index on the page), e.g. from reviewer decisions.</summary>
public sealed record Constraints(IReadOnlyList<(int A, int B)> MustLink, IReadOnlyList<(int A, int B)> CannotLink)
{
    /// <summary>No constraints.</summary>
    public static Constraints None { get; } = new([], []);
}

/// <summary>The outcome of clustering one page: a cluster label per paper (0..k-1, in order of first paper) and a confidence per paper.</summary>
public sealed record ClusterAssignment(IReadOnlyList<int> Labels, IReadOnlyList<double> Confidence)
{
    /// <summary>Number of clusters.</summary>
    public int ClusterCount => Labels.Count == 0 ? 0 : Labels.Max() + 1;
}

/// <summary>
/// Average-linkage agglomerative clustering on a sparse affinity graph, cut where the best average
/// affinity between two clusters drops below <c>minAffinity</c> (= 1 − distance threshold, as S2AND cuts).
/// Pairs without an affinity count as 0, so only clusters joined by at least one scored pair can merge and
/// memory grows with the number of scored pairs, not n². ML.NET offers only KMeans, which needs k in advance
/// and takes no constraints; that is why this stage is ours.
/// </summary>
public static class Agglomerative
{
    /// <summary>Clusters <paramref name="n"/> papers.</summary>
    /// <exception cref="ConstraintConflictException">A must-link chain joins two papers that a cannot-link separates.</exception>
    public static ClusterAssignment Cluster(int n, IEnumerable<Affinity> affinities, double minAffinity, Constraints constraints)
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
        var queue = new PriorityQueue<(int C, int D, int Vc, int Vd), double>();
        for (int c = 0; c < n; c++)
            if (alive[c] && sums[c] is { } sc)
                foreach (var (d, s) in sc)
                    if (c < d) Enqueue(c, d, s);

        while (queue.TryDequeue(out var item, out double negAvg))
        {
            var (c, d, vc, vd) = item;
            if (!alive[c] || !alive[d] || version[c] != vc || version[d] != vd) continue;
            if (-negAvg < minAffinity) break;
            if (cannot[c]?.Contains(d) == true) continue;
            // Merge the smaller neighbour map into the larger one.
            if ((sums[c]?.Count ?? 0) < (sums[d]?.Count ?? 0)) (c, d) = (d, c);
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
            if (avg >= minAffinity) queue.Enqueue((c, d, version[c], version[d]), -avg);
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

/// <summary>Reviewer constraints that cannot all hold: a chain of must-links joins papers that must stay apart.</summary>
public sealed class ConstraintConflictException(int a, int b)
    : Exception($"papers {a + 1} and {b + 1} must be apart, but must-link decisions join them")
{
    /// <summary>0-based indexes of the two papers.</summary>
    public (int A, int B) Papers { get; } = (a, b);
}
