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
        var sums = new SortedDictionary<int, float>();
        foreach (var (id, w) in entries) sums[id] = sums.GetValueOrDefault(id) + w;
        var ids = sums.Keys.ToArray();
        var ws = sums.Values.ToArray();
        float norm = MathF.Sqrt(ws.Sum(x => x * x));
        if (norm <= 0) return Empty;
        for (int i = 0; i < ws.Length; i++) ws[i] /= norm;
        return new SparseVector(ids, ws);
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
