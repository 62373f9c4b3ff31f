namespace ArrowDisambig.Features;

/// <summary>
/// Splits the papers of a big page into topic sub-blocks of bounded size, so candidate generation can
/// score every pair inside a sub-block (papers on one topic by one person share no rare key often enough)
/// while the number of pairs stays near-linear: at most (sub-block size − 1) / 2 pairs per paper.
/// </summary>
/// <remarks>
/// Spherical k-means (cosine) over each paper's title and abstract TF-IDF vector, applied recursively: a group
/// larger than the limit is split into up to <see cref="Branching"/> topics, each split again until it fits.
/// Centroids are dense over the page vocabulary, but only <see cref="Branching"/> at a time, so memory is
/// O(vocabulary × branching), never O(n²). Deterministic: seeds are papers spread evenly over the group, in
/// page order, and ties go to the lower topic. A group k-means cannot split (identical vectors) is cut into
/// consecutive runs of papers.
/// </remarks>
public static class TopicBlocks
{
    /// <summary>Topics per split.</summary>
    public const int Branching = 8;

    /// <summary>k-means passes per split.</summary>
    public const int Iterations = 8;

    /// <summary>Sub-blocks of at most <paramref name="maxSize"/> papers (each sorted) covering every paper once.</summary>
    public static List<int[]> Split(PageFeatureContext page, int maxSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        int n = page.Context.Count;
        var vectors = new SparseVector[n];
        for (int p = 0; p < n; p++) vectors[p] = Combine(page.Text.TitleVectors[p], page.Text.Abstracts[p]);
        var blocks = new List<int[]>();
        var centroids = new float[Branching][];
        var pending = new Stack<int[]>();
        pending.Push(Enumerable.Range(0, n).ToArray());
        while (pending.Count > 0)
        {
            var group = pending.Pop();
            if (group.Length <= maxSize) { blocks.Add(group); continue; }
            int k = Math.Min(Branching, (group.Length + maxSize - 1) / maxSize * 2);
            var parts = KMeans(group, Math.Max(2, k));
            if (parts.Count(p => p.Length > 0) < 2)
            {
                // Nothing to tell the papers apart: consecutive runs.
                for (int s = 0; s < group.Length; s += maxSize) blocks.Add(group[s..Math.Min(group.Length, s + maxSize)]);
                continue;
            }
            // Pushed in reverse so sub-blocks come out in topic order.
            for (int c = parts.Count - 1; c >= 0; c--) if (parts[c].Length > 0) pending.Push(parts[c]);
        }
        return blocks;

        List<int[]> KMeans(int[] group, int k)
        {
            int dims = page.Text.Idf.Length;
            for (int c = 0; c < k; c++)
            {
                if (centroids[c] is null || centroids[c].Length < dims) centroids[c] = new float[dims];
                else Array.Clear(centroids[c], 0, dims);
                var seed = vectors[group[(int)((long)c * group.Length / k)]];
                for (int i = 0; i < seed.Ids.Length; i++) centroids[c][seed.Ids[i]] = seed.Weights[i];
            }
            var topic = new int[group.Length];
            for (int it = 0; it < Iterations; it++)
            {
                bool changed = false;
                for (int j = 0; j < group.Length; j++)
                {
                    var v = vectors[group[j]];
                    int best = 0;
                    float bestScore = float.NegativeInfinity;
                    for (int c = 0; c < k; c++)
                    {
                        var centroid = centroids[c];
                        float s = 0;
                        for (int i = 0; i < v.Ids.Length; i++) s += centroid[v.Ids[i]] * v.Weights[i];
                        if (s > bestScore) { bestScore = s; best = c; }
                    }
                    if (it == 0 || topic[j] != best) changed = true;
                    topic[j] = best;
                }
                if (!changed) break;
                for (int c = 0; c < k; c++) Array.Clear(centroids[c], 0, dims);
                for (int j = 0; j < group.Length; j++)
                {
                    var v = vectors[group[j]];
                    var centroid = centroids[topic[j]];
                    for (int i = 0; i < v.Ids.Length; i++) centroid[v.Ids[i]] += v.Weights[i];
                }
                for (int c = 0; c < k; c++)
                {
                    var centroid = centroids[c];
                    double norm = 0;
                    for (int i = 0; i < dims; i++) norm += (double)centroid[i] * centroid[i];
                    if (norm <= 0) continue;
                    float scale = (float)(1 / Math.Sqrt(norm));
                    for (int i = 0; i < dims; i++) centroid[i] *= scale;
                }
            }
            var parts = new List<int>[k];
            for (int c = 0; c < k; c++) parts[c] = [];
            for (int j = 0; j < group.Length; j++) parts[topic[j]].Add(group[j]);
            return parts.Select(p => p.ToArray()).ToList();
        }
    }

    /// <summary>The title and abstract vectors side by side (their ids never collide), normalised.</summary>
    private static SparseVector Combine(SparseVector title, SparseVector abs)
    {
        if (abs.IsEmpty) return title;
        var map = new Dictionary<int, float>(title.Ids.Length + abs.Ids.Length);
        for (int i = 0; i < title.Ids.Length; i++) map[title.Ids[i]] = title.Weights[i];
        for (int i = 0; i < abs.Ids.Length; i++) map[abs.Ids[i]] = abs.Weights[i];
        return SparseVector.Normalised(map);
    }
}
