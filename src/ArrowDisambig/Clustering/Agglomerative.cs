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
        var sums = new IntDoubleMap?[n];
        var cannot = new HashSet<int>?[n];
        for (int i = 0; i < n; i++) size[root[i]]++;
        foreach (var (a, b) in constraints.CannotLink)
        {
            (cannot[root[a]] ??= new()).Add(root[b]);
            (cannot[root[b]] ??= new()).Add(root[a]);
        }
        // sums[c][d] = total affinity between clusters c and d (each pair once per direction).
        var scored = affinities as IReadOnlyList<Affinity> ?? affinities.ToList();
        var degree = new int[n];
        foreach (var e in scored)
        {
            int ra = root[e.A], rb = root[e.B];
            if (ra != rb) { degree[ra]++; degree[rb]++; }
        }
        // Each cluster's scored pairs in list order (flat arrays, so the pass over the list writes sequentially),
        // then its map built from them: every sum adds up in list order.
        var start = new int[n + 1];
        for (int c = 0; c < n; c++) start[c + 1] = start[c] + degree[c];
        var fill = start[..n];
        var other = new int[start[n]];
        var weight = new float[start[n]];
        foreach (var e in scored)
        {
            int ra = root[e.A], rb = root[e.B];
            if (ra == rb) continue;
            other[fill[ra]] = rb; weight[fill[ra]++] = e.P;
            other[fill[rb]] = ra; weight[fill[rb]++] = e.P;
        }
        for (int c = 0; c < n; c++)
        {
            if (degree[c] == 0) continue;
            var map = sums[c] = new(degree[c]);
            for (int k = start[c]; k < start[c + 1]; k++) map.GetOrAdd(other[k]) += weight[k];
        }

var members = new List<int>?[n];
        for (int i = 0; i < n; i++) (members[root[i]] ??= new()).Add(i);
        var alive = new bool[n];
        for (int i = 0; i < n; i++) alive[root[i]] = true;

        // Nearest-neighbour chain: follow each cluster's best link (highest average affinity, at least the cut,
        // not cannot-linked) until two clusters are each other's best, and merge them. Average linkage is
        // reducible (the average to a merged cluster lies between the averages to its parts, and a cannot-link
        // to a part holds for the whole), so this makes the same merges as repeatedly joining the pair with the
        // highest average on the page, without a queue of every scored pair. Equal averages go to the pair of
        // lowest cluster ids, a strict order, so the chain cannot cycle and runs are deterministic.
                var chain = new List<int>();
        var done = new bool[n];
        int next = 0;
        while (true)
        {
            if (chain.Count == 0)
            {
                while (next < n && (!alive[next] || done[next])) next++;
                if (next == n) break;
                chain.Add(next);
            }
            int a = chain[^1];
            if (BestLink(a) is not { } link)
            {
                // Nothing a may join now can come later: merges only lower averages.
                done[a] = true;
                chain.RemoveAt(chain.Count - 1);
                continue;
            }
            int b = link.Lo == a ? link.Hi : link.Lo;
            if (chain.Count < 2 || chain[^2] != b)
            {
                chain.Add(b);
                continue;
            }
            chain.RemoveRange(chain.Count - 2, 2);
            int c = a, d = b;
            // Merge the smaller neighbour map into the larger one (into the lower id when they are as large).
            int countC = sums[c]?.Count ?? 0, countD = sums[d]?.Count ?? 0;
            if (countC < countD || (countC == countD && d < c)) (c, d) = (d, c);
            alive[d] = false;
            size[c] += size[d];
            var sc = sums[c] ??= new(4);
            sc.Remove(d);
            if (sums[d] is { } sd)
                foreach (var (x, s) in sd)
                {
                    if (x == c) continue;
                    sc.GetOrAdd(x) += s;
                    var sx = sums[x]!;
                    sx.Remove(d);
                    sx.GetOrAdd(c) += s;
                }
            sums[d] = null;
            if (cannot[d] is { } cd)
            {
                var cc = cannot[c] ??= new();
                foreach (var x in cd) { cc.Add(x); cannot[x]!.Remove(d); cannot[x]!.Add(c); }
                cannot[d] = null;
            }
            foreach (int i in members[d]!) root[i] = c;
            members[c]!.AddRange(members[d]!);
            members[d] = null;
            if (c < next) next = c;
        }

        return Assign(root, scored);

        // The neighbour of c with the highest average affinity of at least minAffinity that c may join, or null.
        Link? BestLink(int c)
        {
            if (sums[c] is not { } sc) return null;
            var no = cannot[c];
            double bestAvg = double.NegativeInfinity;
            int best = -1;
            double sizeC = size[c];
            foreach (var (d, s) in sc)
            {
                double avg = s / (sizeC * size[d]);
                if (avg < minAffinity || avg < bestAvg) continue;
                // Equal averages: the lower pair of ids; with c fixed, the lower neighbour id.
                if (avg == bestAvg && d > best) continue;
                if (no?.Contains(d) == true) continue;
                bestAvg = avg;
                best = d;
            }
            return best < 0 ? null : new Link(bestAvg, Math.Min(c, best), Math.Max(c, best));
        }
    }

    /// <summary>A candidate merge: the average affinity and the two cluster ids (lower first).</summary>
    private readonly record struct Link(double Average, int Lo, int Hi);

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

        // Each paper's scored pairs, in the order given (so sums add up in that order), as flat arrays.
        var list = affinities as IReadOnlyList<Affinity> ?? affinities.ToList();
        var start = new int[n + 1];
        foreach (var (a, b, _) in list) { start[a + 1]++; start[b + 1]++; }
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = start[..n];
        var otherLabel = new int[start[n]];
        var prob = new float[start[n]];
        foreach (var (a, b, p) in list)
        {
            otherLabel[fill[a]] = labels[b]; prob[fill[a]++] = p;
            otherLabel[fill[b]] = labels[a]; prob[fill[b]++] = p;
        }

        // Per paper: total affinity to each cluster, in a dense array reset after each paper.
        var toCluster = new double[relabel.Count];
        var seenBy = new int[relabel.Count];
        Array.Fill(seenBy, -1);
        var touched = new List<int>();
        var confidence = new double[n];
        for (int i = 0; i < n; i++)
        {
            touched.Clear();
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                int l = otherLabel[k];
                if (seenBy[l] != i) { seenBy[l] = i; touched.Add(l); }
                toCluster[l] += prob[k];
            }
            int own = labels[i];
            double best = 0;
            foreach (int l in touched)
                if (l != own) best = Math.Max(best, toCluster[l] / clusterSize[l]);
            // A singleton has no evidence for itself; its confidence is how clearly it stays apart.
            double within = clusterSize[own] > 1 ? toCluster[own] / (clusterSize[own] - 1) : 1 - best;
            confidence[i] = Math.Clamp(0.5 + (within - best) / 2, 0, 1);
            foreach (int l in touched) toCluster[l] = 0;
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
