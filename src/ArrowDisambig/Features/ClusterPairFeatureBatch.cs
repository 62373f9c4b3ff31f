namespace ArrowDisambig.Features;

/// <summary>
/// Computes <see cref="ClusterPairFeatures"/> of one cluster (the anchor) against many others, as the merge
/// stage does after each merge: the anchor's co-author counts and title and abstract weights are scattered once
/// into arrays indexed by id, so each pair costs a pass over the other cluster's entries instead of merges of
/// sorted lists; name grades come from the page's table of mention forms. Sums run over the same entries in
/// the same order as <see cref="ClusterPairFeatures.Compute"/>, so every value is the same, bit for bit.
/// One instance per page and thread.
/// </summary>
internal sealed class ClusterPairFeatureBatch
{
    private readonly PageFeatureContext _page;
    private readonly PairFeatureTables _tables;
    // stamp == _epoch marks an id of the anchor.
    private readonly int[] _vocab;
    private readonly float[] _weight;
    private readonly int[] _coauthor;
    private readonly int[] _coauthorCount;
    private int _epoch;
    private ClusterProfile? _anchor;

    public ClusterPairFeatureBatch(PageFeatureContext page)
    {
        _page = page;
        _tables = page.Tables;
        _vocab = new int[page.Text.Idf.Length];
        _weight = new float[_vocab.Length];
        _coauthor = new int[page.Context.Graph.CoauthorNames.Count];
        _coauthorCount = new int[_coauthor.Length];
    }

    /// <summary>Makes <paramref name="a"/> the first cluster of the next <see cref="Compute"/> calls.</summary>
    public void Anchor(ClusterProfile a)
    {
        if (ReferenceEquals(a, _anchor)) return;
        _anchor = a;
        int e = ++_epoch;
        Scatter(a.TitleVector, e);
        Scatter(a.AbstractVector, e);
        foreach (var (c, k) in a.CoauthorMap) { _coauthor[c] = e; _coauthorCount[c] = k; }
    }

    private void Scatter(SparseVector v, int e)
    {
        for (int k = 0; k < v.Ids.Length; k++) { _vocab[v.Ids[k]] = e; _weight[v.Ids[k]] = v.Weights[k]; }
    }

    private float Dot(SparseVector b) => b.DotScattered(_vocab, _weight, _epoch);

    /// <summary>Writes the features of the anchor <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Compute(ClusterProfile a, ClusterProfile b, LinkStats links, Span<float> into)
    {
        if (!ReferenceEquals(a, _anchor)) Anchor(a);
        int e = _epoch;
        int f = 0;
        into[f++] = MathF.Log(1 + Math.Min(a.Size, b.Size));
        into[f++] = MathF.Log(1 + Math.Max(a.Size, b.Size));

        // Over the smaller cluster's co-authors, in its order (the rarity sum depends on it).
        var ca = a.CoauthorMap;
        var cb = b.CoauthorMap;
        int shared = 0, weight = 0;
        float rarity = 0;
        if (ca.Count <= cb.Count)
        {
            foreach (var (c, k) in ca)
                if (cb.TryGetValue(c, out int k2)) { shared++; weight += Math.Min(k, k2); rarity += _tables.CoauthorRarity[c]; }
        }
        else
        {
            foreach (var (c, k) in cb)
                if (_coauthor[c] == e) { shared++; weight += Math.Min(k, _coauthorCount[c]); rarity += _tables.CoauthorRarity[c]; }
        }
        int union = ca.Count + cb.Count - shared;
        into[f++] = shared;
        into[f++] = weight;
        into[f++] = rarity;
        into[f++] = union == 0 ? float.NaN : (float)shared / union;

        // Whole-number sums: exact in any order.
        int venueShared = 0;
        double dot = 0, na = 0, nb = 0;
        var vb = b.VenueMap;
        foreach (var (v, k) in a.VenueMap) { na += k * k; if (vb.TryGetValue(v, out int k2)) { venueShared++; dot += k * k2; } }
        foreach (var (_, k) in vb) nb += k * k;
        into[f++] = venueShared;
        into[f++] = na == 0 || nb == 0 ? float.NaN : (float)(dot / Math.Sqrt(na * nb));

        into[f++] = Dot(b.TitleVector);
        into[f++] = a.AbstractVector.IsEmpty || b.AbstractVector.IsEmpty ? float.NaN : Dot(b.AbstractVector);
        into[f++] = TopicSpace.Cosine(a.TopicVector, b.TopicVector);
        into[f++] = a.MinYear is null || b.MinYear is null ? float.NaN
            : Math.Max(0, Math.Max(a.MinYear.Value - b.MaxYear!.Value, b.MinYear.Value - a.MaxYear!.Value));

        double cross = (double)a.Size * b.Size;
        float affinityMean = (float)(links.Sum / cross);
        into[f++] = affinityMean;
        into[f++] = links.Max;
        into[f++] = (float)(links.Strong / cross);

        float grade = 3;
        bool clash = false;
        foreach (int x in a.VariantIds)
            foreach (int y in b.VariantIds)
            {
                var (g, differentDblp) = _tables.VariantPair(x, y);
                grade = Math.Min(grade, g);
                clash |= differentDblp;
            }
        into[f++] = grade;
        into[f++] = clash ? 1 : 0;

        var t = _tables;
        into[f++] = t.PageSizeLog;
        into[f++] = t.InitialsOnly;
        into[f++] = t.GivenFrequency;
        into[f++] = t.SurnameFrequency;
        into[f++] = t.EastAsian;

        into[f++] = SharedCount(a.InitialKeys, b.InitialKeys);
        into[f++] = t.ComponentShare;
        into[f++] = t.TopicFocus;
        float ka = a.Cohesion, kb = b.Cohesion;
        float cohesion = float.IsNaN(ka) ? kb : float.IsNaN(kb) ? ka : Math.Min(ka, kb);
        into[f++] = cohesion;
        into[f++] = affinityMean - cohesion;
    }

    private static int SharedCount(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        int shared = 0;
        foreach (int x in a) if (b.Contains(x)) shared++;
        return shared;
    }
}
