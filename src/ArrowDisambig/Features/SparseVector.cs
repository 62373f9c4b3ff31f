namespace ArrowDisambig.Features;

/// <summary>A sparse vector: ascending ids with their weights. Immutable by convention; built once per paper or cluster.</summary>
public readonly record struct SparseVector(int[] Ids, float[] Weights)
{
    /// <summary>The zero vector.</summary>
    public static SparseVector Empty { get; } = new([], []);

    /// <summary>True when the vector has no entries.</summary>
    public bool IsEmpty => Ids.Length == 0;

    /// <summary>Builds an L2-normalised vector from (id, weight) entries; ids may repeat and are summed.</summary>
    public static SparseVector Normalised(IEnumerable<KeyValuePair<int, float>> entries)
    {
        // Sorted by id, then by position, so repeated ids add up in input order (as a running sum from 0).
        var keys = new List<long>(entries.TryGetNonEnumeratedCount(out int count) ? count : 16);
        var weights = new List<float>(keys.Capacity);
        foreach (var (id, w) in entries)
        {
            keys.Add((long)id << 32 | (uint)weights.Count);
            weights.Add(w);
        }
        var order = keys.ToArray();
        Array.Sort(order);
        var ids = new List<int>(order.Length);
        var ws = new List<float>(order.Length);
        foreach (long key in order)
        {
            int id = (int)(key >> 32);
            float w = weights[(int)(uint)key];
            if (ids.Count > 0 && ids[^1] == id) ws[^1] += w;
            else { ids.Add(id); ws.Add(0f + w); }
        }
        return FromSorted(ids.ToArray(), ws.ToArray());
    }

    /// <summary>Normalises ascending, distinct ids with their summed weights (the weights array is reused).</summary>
    private static SparseVector FromSorted(int[] ids, float[] ws)
    {
        float norm = MathF.Sqrt(ws.Sum(x => x * x));
        if (norm <= 0) return Empty;
        for (int i = 0; i < ws.Length; i++) ws[i] /= norm;
        return new SparseVector(ids, ws);
    }

    /// <summary>As <see cref="Normalised(IEnumerable{KeyValuePair{int, float}})"/> for a map (each id once).</summary>
    internal static SparseVector Normalised(Dictionary<int, float> map)
    {
        var ids = new int[map.Count];
        var ws = new float[map.Count];
        int k = 0;
        foreach (var (id, w) in map) { ids[k] = id; ws[k++] = 0f + w; }
        Array.Sort(ids, ws);
        return FromSorted(ids, ws);
    }

    /// <summary>Dot product (the cosine when both are normalised).</summary>
    public float Dot(SparseVector other)
    {
        float s = 0;
        int[] x = Ids, y = other.Ids;
        for (int a = 0, b = 0; a < x.Length && b < y.Length;)
        {
            if (x[a] == y[b]) { s += Weights[a] * other.Weights[b]; a++; b++; }
            else if (x[a] < y[b]) a++;
            else b++;
        }
        return s;
    }

    /// <summary>
    /// <see cref="Dot"/> of a vector scattered into arrays by id (<paramref name="stamp"/>[id] == <paramref name="epoch"/>
    /// marks its ids, <paramref name="weight"/>[id] holds its weights) with this one: the batch featurisers scatter
    /// one vector and take its products with many. Products of shared ids are added in ascending id order, the
    /// scattered vector's weight first, so the value equals <c>scattered.Dot(this)</c> bit for bit.
    /// </summary>
    internal float DotScattered(int[] stamp, float[] weight, int epoch)
    {
        float s = 0;
        for (int k = 0; k < Ids.Length; k++)
        {
            int id = Ids[k];
            if (stamp[id] == epoch) s += weight[id] * Weights[k];
        }
        return s;
    }
}

/// <summary>Merges of sorted id arrays, the inner loop of most pair features.</summary>
public static class SortedIds
{
    /// <summary>Number of ids in both.</summary>
    public static int Overlap(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        int n = 0;
        for (int a = 0, b = 0; a < x.Length && b < y.Length;)
        {
            if (x[a] == y[b]) { n++; a++; b++; }
            else if (x[a] < y[b]) a++;
            else b++;
        }
        return n;
    }

    /// <summary>Jaccard index; NaN when both are empty.</summary>
    public static float Jaccard(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length + y.Length == 0) return float.NaN;
        float shared = Overlap(x, y);
        return shared / (x.Length + y.Length - shared);
    }
}
