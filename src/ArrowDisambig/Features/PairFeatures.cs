using ArrowDisambig.Graph;
using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>
/// The explicit feature list for a pair of papers on one page (S2AND-style: one documented column per
/// feature). Missing information is NaN, never 0, so the model can tell "no shared venue" from "venue unknown".
/// </summary>
public static class PairFeatures
{
    /// <summary>Feature names, in vector order. <c>docs</c> in <c>models/MODEL.md</c> explains each.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "coauthor_shared",          // co-authors on both papers (variants merged by the name model)
        "coauthor_jaccard",         // shared / union of co-authors
        "coauthor_shared_rarity",   // sum over shared co-authors of ln(n / papers listing them on this page)
        "coauthor_shared_initial",  // shared co-authors by initial + surname (looser than merged variants)
        "coauthor_shared_surname",  // shared co-author surnames (catches variants the name model kept apart)
        "coauthor_two_hop",         // ln(1 + papers sharing a co-author with both)
        "coauthor_same_component",  // 1 when a chain of shared co-authors joins the two papers
        "coauthor_count_min",       // fewer co-author count of the two
        "coauthor_count_max",       // larger co-author count of the two
        "target_same_printed",      // 1 when the ambiguous mention is printed the same way (folded)
        "target_name_match",        // 3 same full form, 2 compatible, 1 one side is initials only, 0 incompatible
        "target_dblp_same",         // DBLP suffixes: 1 equal, 0 different, NaN unless both have one
        "target_position_gap",      // |relative author position i − j|, NaN when a list was cut before the mention
        "target_both_first",        // 1 when the mention is first author on both
        "target_both_last",         // 1 when the mention is last author on both (often the senior author)
        "list_truncated",           // number of the two author lists that reach Arrow's cap of 8
        "venue_same",               // 1 same folded venue, 0 different, NaN when either is unknown
        "venue_jaccard",            // venue word overlap, NaN when either is unknown
        "venue_rarity",             // ln(n / papers at the shared venue on this page); NaN unless the venue is the same
        "year_gap",                 // |year i − year j|, NaN when either is missing
        "type_same",                // same publication type
        "title_jaccard",            // content-word Jaccard of titles
        "title_shared_idf",         // sum of in-page IDF of shared title words
        "title_trigram_jaccard",    // character 3-gram Jaccard of titles
        "title_tfidf_cosine",       // cosine of in-page TF-IDF title vectors
        "topic_cosine",             // cosine of title+abstract in the shipped LSA topic space; NaN when unknown
        "abstract_cosine",          // TF-IDF cosine of abstracts, NaN when either has none
        "page_size_log",            // ln(papers on the page): bigger pages hold more people
        "name_initials_only",       // 1 when the page name's given name is an initial
        "name_given_freq",          // ln(1 + how often the given name occurs among co-authors in the corpora)
        "name_surname_freq",        // ln(1 + same for the surname)
        "name_east_asian",          // 1 when the surname is a common Chinese/Korean/Vietnamese surname
    ];

    /// <summary>Number of features, as a constant for ML.NET's vector column type.</summary>
    public const int FixedCount = 32;

    /// <summary>Number of features.</summary>
    public static int Count => Names.Count;

    /// <summary>Writes the features of papers <paramref name="i"/> and <paramref name="j"/> into <paramref name="into"/>.</summary>
    public static void Compute(PageFeatureContext page, int i, int j, Span<float> into)
    {
        var ctx = page.Context;
        var g = ctx.Graph;
        var text = page.Text;
        int f = 0;

        // Co-authors.
        var ci = g.CoauthorsOf(i);
        var cj = g.CoauthorsOf(j);
        int shared = 0;
        float rarity = 0;
        for (int a = 0, b = 0; a < ci.Length && b < cj.Length;)
        {
            if (ci[a] == cj[b]) { shared++; rarity += MathF.Log((float)ctx.Count / g.PaperFrequency(ci[a])); a++; b++; }
            else if (ci[a] < cj[b]) a++;
            else b++;
        }
        int union = ci.Length + cj.Length - shared;
        into[f++] = shared;
        into[f++] = union == 0 ? float.NaN : (float)shared / union;
        into[f++] = rarity;
        into[f++] = SortedIds.Overlap(page.CoauthorInitialKeys[i], page.CoauthorInitialKeys[j]);
        into[f++] = SortedIds.Overlap(page.CoauthorSurnameKeys[i], page.CoauthorSurnameKeys[j]);
        into[f++] = MathF.Log(1 + g.TwoHopLinks(i, j));
        into[f++] = g.SameComponent(i, j) && ci.Length > 0 ? 1 : 0;
        into[f++] = Math.Min(ci.Length, cj.Length);
        into[f++] = Math.Max(ci.Length, cj.Length);

        // The ambiguous mention itself.
        var ti = ctx.Target(i);
        var tj = ctx.Target(j);
        into[f++] = ti.FullKey == tj.FullKey && ti.Initials == tj.Initials ? 1 : 0;
        into[f++] = NameMatchGrade(ti, tj);
        into[f++] = ti.DblpNumber is int di && tj.DblpNumber is int dj ? (di == dj ? 1 : 0) : float.NaN;
        int pi = ctx.TargetIndex[i], pj = ctx.TargetIndex[j];
        int li = ctx.Authors[i].Length, lj = ctx.Authors[j].Length;
        into[f++] = pi < 0 || pj < 0 ? float.NaN : Math.Abs(Relative(pi, li) - Relative(pj, lj));
        into[f++] = pi == 0 && pj == 0 ? 1 : 0;
        into[f++] = pi >= 0 && pj >= 0 && li > 1 && lj > 1 && pi == li - 1 && pj == lj - 1 ? 1 : 0;
        into[f++] = (ctx.Page.Papers[i].MayBeTruncated ? 1 : 0) + (ctx.Page.Papers[j].MayBeTruncated ? 1 : 0);

        // Venue, year, type.
        string vi = text.VenueKey[i], vj = text.VenueKey[j];
        into[f++] = vi.Length == 0 || vj.Length == 0 ? float.NaN : vi == vj ? 1 : 0;
        into[f++] = vi.Length == 0 || vj.Length == 0 ? float.NaN : SortedIds.Jaccard(text.VenueTokens[i], text.VenueTokens[j]);
        into[f++] = vi.Length > 0 && vi == vj ? MathF.Log((float)ctx.Count / text.VenueCount[vi]) : float.NaN;
        var yi = ctx.Page.Papers[i].Year;
        var yj = ctx.Page.Papers[j].Year;
        into[f++] = yi is int a1 && yj is int b1 ? Math.Abs(a1 - b1) : float.NaN;
        into[f++] = ctx.Page.Papers[i].PublicationType == ctx.Page.Papers[j].PublicationType ? 1 : 0;

        // Content.
        into[f++] = SortedIds.Jaccard(text.TitleWords[i], text.TitleWords[j]);
        into[f++] = SharedIdf(text.TitleWords[i], text.TitleWords[j], text.Idf);
        into[f++] = SortedIds.Jaccard(text.TitleTrigrams[i], text.TitleTrigrams[j]);
        into[f++] = text.TitleVectors[i].Dot(text.TitleVectors[j]);
        into[f++] = TopicSpace.Cosine(text.Topics[i], text.Topics[j]);
        into[f++] = text.Abstracts[i].IsEmpty || text.Abstracts[j].IsEmpty ? float.NaN : text.Abstracts[i].Dot(text.Abstracts[j]);

        // How likely two people share this name.
        var prior = page.Prior;
        into[f++] = MathF.Log(ctx.Count);
        into[f++] = prior.InitialsOnly ? 1 : 0;
        into[f++] = prior.GivenFrequency;
        into[f++] = prior.SurnameFrequency;
        into[f++] = prior.EastAsian ? 1 : 0;
    }

    /// <summary>
    /// Writes the features of many pairs of one page, pair k at <c>into[k * FixedCount ..]</c>: the same values as
    /// <see cref="Compute"/>, bit for bit, several times faster when consecutive pairs share their first paper
    /// (as <c>CandidatePairs</c> orders them). Thread-safe.
    /// </summary>
    public static void ComputeMany(PageFeatureContext page, ReadOnlySpan<(int A, int B)> pairs, Span<float> into) =>
        PairFeatureBatch.ForThread().Compute(page, pairs, into);

    /// <summary>The indexes of the features that depend only on the page (the same for every pair of a page).</summary>
    public static ReadOnlySpan<int> PageLevel => PageLevelIndexes;

    /// <summary>The values of the <see cref="PageLevel"/> features on <paramref name="page"/>, in that order.</summary>
    public static float[] PageLevelValues(PageFeatureContext page)
    {
        var t = page.Tables;
        return [t.PageSizeLog, t.InitialsOnly, t.GivenFrequency, t.SurnameFrequency, t.EastAsian];
    }

    private static readonly int[] PageLevelIndexes =
        new[] { "page_size_log", "name_initials_only", "name_given_freq", "name_surname_freq", "name_east_asian" }
            .Select(n => Names.ToList().IndexOf(n)).ToArray();

    /// <summary>3 same full form, 2 compatible, 1 compatible only because one side is initials, 0 incompatible.</summary>
    public static float NameMatchGrade(PersonName a, PersonName b)
    {
        if (a.DblpNumber is int x && b.DblpNumber is int y && x != y) return 0;
        if (a.FullKey == b.FullKey) return 3;
        if (!NameCompatibility.AreCompatible(a, b)) return 0;
        return a.IsInitialsOnly || b.IsInitialsOnly ? 1 : 2;
    }

    private static float Relative(int position, int length) => length <= 1 ? 0 : (float)position / (length - 1);


    private static float SharedIdf(int[] x, int[] y, float[] idf)
    {
        float s = 0;
        for (int a = 0, b = 0; a < x.Length && b < y.Length;)
        {
            if (x[a] == y[b]) { s += idf[x[a]]; a++; b++; }
            else if (x[a] < y[b]) a++;
            else b++;
        }
        return s;
    }

}
