using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>
/// Per-page tables that make <see cref="PairFeatures.ComputeMany"/> fast: everything a pair feature reads
/// about one paper, as flat arrays, computed once per page with the same expressions as
/// <see cref="PairFeatures.Compute"/> so the values are the same, bit for bit.
/// </summary>
internal sealed class PairFeatureTables
{
    /// <summary>Pages with more distinct printed forms of the ambiguous mention than this compare names pair by pair.</summary>
    public const int MaxVariantTable = 2048;

    public PairFeatureTables(PageFeatureContext page)
    {
        var ctx = page.Context;
        var g = ctx.Graph;
        var text = page.Text;
        int n = ctx.Count;
        N = n;
        CoauthorRarity = new float[g.CoauthorNames.Count];
        for (int c = 0; c < CoauthorRarity.Length; c++) CoauthorRarity[c] = MathF.Log((float)ctx.Count / g.PaperFrequency(c));

        TargetIndex = new int[n];
        RelativePosition = new float[n];
        LastAuthor = new bool[n];
        Truncated = new int[n];
        Year = new int[n];
        HasYear = new bool[n];
        TypeId = new int[n];
        VenueId = new int[n];
        Variant = new int[n];
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        var venues = new Dictionary<string, int>(StringComparer.Ordinal);
        var venueRarity = new List<float>();
        var variants = new Dictionary<PersonName, int>();
        var variantNames = new List<PersonName>();
        for (int p = 0; p < n; p++)
        {
            var paper = ctx.Page.Papers[p];
            int t = ctx.TargetIndex[p], l = ctx.Authors[p].Length;
            TargetIndex[p] = t;
            RelativePosition[p] = t < 0 ? float.NaN : l <= 1 ? 0 : (float)t / (l - 1);
            LastAuthor[p] = t >= 0 && l > 1 && t == l - 1;
            Truncated[p] = paper.MayBeTruncated ? 1 : 0;
            HasYear[p] = paper.Year is not null;
            Year[p] = paper.Year ?? 0;
            if (!types.TryGetValue(paper.PublicationType, out int type)) types[paper.PublicationType] = type = types.Count;
            TypeId[p] = type;
            string v = text.VenueKey[p];
            if (v.Length == 0) VenueId[p] = -1;
            else
            {
                if (!venues.TryGetValue(v, out int id))
                {
                    venues[v] = id = venues.Count;
                    venueRarity.Add(MathF.Log((float)ctx.Count / text.VenueCount[v]));
                }
                VenueId[p] = id;
            }
            var target = ctx.Target(p);
            if (!variants.TryGetValue(target, out int k)) { variants[target] = k = variantNames.Count; variantNames.Add(target); }
            Variant[p] = k;
        }
        VenueRarity = venueRarity.ToArray();
        Variants = variantNames.ToArray();
        if (Variants.Length <= MaxVariantTable)
        {
            VariantPairs = new byte[Variants.Length * Variants.Length];
            Array.Fill(VariantPairs, Unknown);
        }

        var prior = page.Prior;
        PageSizeLog = MathF.Log(ctx.Count);
        InitialsOnly = prior.InitialsOnly ? 1 : 0;
        GivenFrequency = prior.GivenFrequency;
        SurnameFrequency = prior.SurnameFrequency;
        EastAsian = prior.EastAsian ? 1 : 0;
        ComponentShare = g.ComponentShare();
        TopicFocus = Focus(text.Topics);
    }

    /// <summary>Length of the mean of the papers' unit topic vectors (NaN when no paper has one).</summary>
    private static float Focus(float[][] topics)
    {
        float[]? sum = null;
        int count = 0;
        foreach (var v in topics)
        {
            if (v.Length == 0) continue;
            sum ??= new float[v.Length];
            for (int d = 0; d < v.Length; d++) sum[d] += v[d];
            count++;
        }
        if (sum is null) return float.NaN;
        double norm = 0;
        foreach (float x in sum) norm += (double)x * x;
        return (float)(Math.Sqrt(norm) / count);
    }

    public int N { get; }
    /// <summary>ln(n / papers listing the co-author), as the co-author rarity feature sums it.</summary>
    public float[] CoauthorRarity { get; }
    public int[] TargetIndex { get; }
    /// <summary>Relative position of the mention in the author list; NaN when the list was cut before it.</summary>
    public float[] RelativePosition { get; }
    public bool[] LastAuthor { get; }
    public int[] Truncated { get; }
    public int[] Year { get; }
    public bool[] HasYear { get; }
    public int[] TypeId { get; }
    /// <summary>Dense id of the folded venue; -1 when unknown.</summary>
    public int[] VenueId { get; }
    /// <summary>ln(n / papers at the venue), per venue id.</summary>
    public float[] VenueRarity { get; }
    /// <summary>Dense id of the paper's ambiguous mention (equal parsed names share an id).</summary>
    public int[] Variant { get; }
    public PersonName[] Variants { get; }
    public float PageSizeLog { get; }
    public float InitialsOnly { get; }
    public float GivenFrequency { get; }
    public float SurnameFrequency { get; }
    public float EastAsian { get; }
    public float ComponentShare { get; }
    public float TopicFocus { get; }

    // Per pair of variants, packed: bit 0-1 name grade, bit 2 same printed form, bits 3-4 DBLP (0 different,
    // 1 same, 2 unknown); Unknown until first computed. Threads may compute a cell at once: they write the same byte.
    private const byte Unknown = 0xFF;
    private byte[]? VariantPairs { get; }

    /// <summary>The three mention features of two papers: same printed form, name grade, DBLP agreement.</summary>
    public (float Same, float Grade, float Dblp) Mention(int i, int j)
    {
        byte packed = Packed(Variant[i], Variant[j]);
        int dblp = (packed >> 3) & 3;
        return ((packed >> 2) & 1, packed & 3, dblp == 2 ? float.NaN : dblp);
    }

    /// <summary>The name grade of two mention forms (by variant id), and whether their DBLP numbers differ.</summary>
    public (float Grade, bool DifferentDblp) VariantPair(int a, int b)
    {
        byte packed = Packed(a, b);
        return (packed & 3, ((packed >> 3) & 3) == 0);
    }

    private byte Packed(int a, int b)
    {
        if (VariantPairs is not { } table) return Pack(Variants[a], Variants[b]);
        int cell = a * Variants.Length + b;
        byte packed = table[cell];
        if (packed == Unknown) table[cell] = packed = Pack(Variants[a], Variants[b]);
        return packed;
    }

    private static byte Pack(PersonName ti, PersonName tj)
    {
        int same = ti.FullKey == tj.FullKey && ti.Initials == tj.Initials ? 1 : 0;
        int grade = (int)PairFeatures.NameMatchGrade(ti, tj);
        int dblp = ti.DblpNumber is int di && tj.DblpNumber is int dj ? (di == dj ? 1 : 0) : 2;
        return (byte)(grade | same << 2 | dblp << 3);
    }
}

/// <summary>
/// Computes <see cref="PairFeatures"/> for many pairs of one page at once. Pairs that share their first
/// paper (candidate pairs come sorted by it) share its work: the first paper's co-authors, neighbours,
/// title words, trigrams, venue words and TF-IDF weights are scattered once into per-thread arrays indexed by
/// id, so each pair costs one pass over the second paper's ids instead of merges of two sorted lists.
/// Sums are taken over shared ids in ascending order, as the merges do, so every value is the same, bit for bit.
/// </summary>
internal sealed class PairFeatureBatch
{
    [ThreadStatic] private static PairFeatureBatch? _perThread;

    // stamp == _epoch marks an id of the current first paper.
    private int[] _coauthor = [];
    private int[] _key = [];
    private int[] _neighbour = [];
    private int[] _vocab = [];
    private float[] _weight = [];
    private int _epoch;

    public static PairFeatureBatch ForThread() => _perThread ??= new PairFeatureBatch();

    public void Compute(PageFeatureContext page, ReadOnlySpan<(int A, int B)> pairs, Span<float> into)
    {
        const int F = PairFeatures.FixedCount;
        if (into.Length < pairs.Length * F) throw new ArgumentException("the output is shorter than pairs × features", nameof(into));
        var tables = page.Tables;
        var g = page.Context.Graph;
        var text = page.Text;
        Ensure(ref _coauthor, g.CoauthorNames.Count);
        Ensure(ref _key, page.KeyCount);
        Ensure(ref _neighbour, tables.N);
        Ensure(ref _vocab, text.Idf.Length);
        if (_weight.Length < _vocab.Length) _weight = new float[_vocab.Length];
        int anchor = -1;
        for (int k = 0; k < pairs.Length; k++)
        {
            var (i, j) = pairs[k];
            if (i != anchor) { Scatter(page, i); anchor = i; }
            Pair(page, tables, i, j, into.Slice(k * F, F));
        }
    }

    private static void Ensure(ref int[] a, int size)
    {
        if (a.Length < size) a = new int[Math.Max(size, a.Length * 2)];
    }

    private void Scatter(PageFeatureContext page, int i)
    {
        if (_epoch == int.MaxValue)
        {
            Array.Clear(_coauthor); Array.Clear(_key); Array.Clear(_neighbour); Array.Clear(_vocab);
            _epoch = 0;
        }
        int e = ++_epoch;
        var g = page.Context.Graph;
        var text = page.Text;
        foreach (int c in g.CoauthorsOf(i)) _coauthor[c] = e;
        foreach (int x in page.CoauthorInitialKeys[i]) _key[x] = e;
        foreach (int x in page.CoauthorSurnameKeys[i]) _key[x] = e;
        foreach (int q in g.NeighboursOf(i)) _neighbour[q] = e;
        foreach (int x in text.TitleWords[i]) _vocab[x] = e;
        foreach (int x in text.TitleTrigrams[i]) _vocab[x] = e;
        foreach (int x in text.VenueTokens[i]) _vocab[x] = e;
        var tv = text.TitleVectors[i];
        for (int k = 0; k < tv.Ids.Length; k++) { _vocab[tv.Ids[k]] = e; _weight[tv.Ids[k]] = tv.Weights[k]; }
        var av = text.Abstracts[i];
        for (int k = 0; k < av.Ids.Length; k++) { _vocab[av.Ids[k]] = e; _weight[av.Ids[k]] = av.Weights[k]; }
    }

    private int Marked(int[] stamps, ReadOnlySpan<int> ids)
    {
        int e = _epoch, count = 0;
        foreach (int x in ids) if (stamps[x] == e) count++;
        return count;
    }

    private static float Jaccard(int shared, int x, int y)
    {
        // As SortedIds.Jaccard.
        if (x + y == 0) return float.NaN;
        float s = shared;
        return s / (x + y - s);
    }

    private float Dot(SparseVector b) => b.DotScattered(_vocab, _weight, _epoch);

    private void Pair(PageFeatureContext page, PairFeatureTables t, int i, int j, Span<float> into)
    {
        var g = page.Context.Graph;
        var text = page.Text;
        int e = _epoch;
        int f = 0;

        // Co-authors.
        var ci = g.CoauthorsOf(i);
        var cj = g.CoauthorsOf(j);
        int shared = 0;
        float rarity = 0;
        foreach (int c in cj)
            if (_coauthor[c] == e) { shared++; rarity += t.CoauthorRarity[c]; }
        int union = ci.Length + cj.Length - shared;
        into[f++] = shared;
        into[f++] = union == 0 ? float.NaN : (float)shared / union;
        into[f++] = rarity;
        into[f++] = Marked(_key, page.CoauthorInitialKeys[j]);
        into[f++] = Marked(_key, page.CoauthorSurnameKeys[j]);
        into[f++] = MathF.Log(1 + Marked(_neighbour, g.NeighboursOf(j)));
        into[f++] = g.SameComponent(i, j) && ci.Length > 0 ? 1 : 0;
        into[f++] = Math.Min(ci.Length, cj.Length);
        into[f++] = Math.Max(ci.Length, cj.Length);

        // The ambiguous mention itself.
        var (same, grade, dblp) = t.Mention(i, j);
        into[f++] = same;
        into[f++] = grade;
        into[f++] = dblp;
        int pi = t.TargetIndex[i], pj = t.TargetIndex[j];
        into[f++] = pi < 0 || pj < 0 ? float.NaN : Math.Abs(t.RelativePosition[i] - t.RelativePosition[j]);
        into[f++] = pi == 0 && pj == 0 ? 1 : 0;
        into[f++] = t.LastAuthor[i] && t.LastAuthor[j] ? 1 : 0;
        into[f++] = t.Truncated[i] + t.Truncated[j];

        // Venue, year, type.
        int vi = t.VenueId[i], vj = t.VenueId[j];
        bool venues = vi >= 0 && vj >= 0;
        into[f++] = !venues ? float.NaN : vi == vj ? 1 : 0;
        into[f++] = !venues ? float.NaN : Jaccard(Marked(_vocab, text.VenueTokens[j]), text.VenueTokens[i].Length, text.VenueTokens[j].Length);
        into[f++] = vi >= 0 && vi == vj ? t.VenueRarity[vi] : float.NaN;
        into[f++] = t.HasYear[i] && t.HasYear[j] ? Math.Abs(t.Year[i] - t.Year[j]) : float.NaN;
        into[f++] = t.TypeId[i] == t.TypeId[j] ? 1 : 0;

        // Content.
        int[] wi = text.TitleWords[i], wj = text.TitleWords[j];
        int sharedWords = 0;
        float idf = 0;
        foreach (int w in wj)
            if (_vocab[w] == e) { sharedWords++; idf += text.Idf[w]; }
        into[f++] = Jaccard(sharedWords, wi.Length, wj.Length);
        into[f++] = idf;
        into[f++] = Jaccard(Marked(_vocab, text.TitleTrigrams[j]), text.TitleTrigrams[i].Length, text.TitleTrigrams[j].Length);
        into[f++] = Dot(text.TitleVectors[j]);
        into[f++] = TopicSpace.Cosine(text.Topics[i], text.Topics[j]);
        into[f++] = text.Abstracts[i].IsEmpty || text.Abstracts[j].IsEmpty ? float.NaN : Dot(text.Abstracts[j]);

        // How likely two people share this name.
        into[f++] = t.PageSizeLog;
        into[f++] = t.InitialsOnly;
        into[f++] = t.GivenFrequency;
        into[f++] = t.SurnameFrequency;
        into[f++] = t.EastAsian;
        into[f++] = t.ComponentShare;
        into[f++] = t.TopicFocus;
    }
}
