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
        "page_coauthor_components", // co-author graph components per paper with co-authors: many disjoint circles, many people
        "page_topic_focus",         // length of the mean topic vector of the page's papers: 1 all on one topic, near 0 scattered
    ];

    /// <summary>Number of features, as a constant for ML.NET's vector column type.</summary>
    public const int FixedCount = 34;

    /// <summary>Number of features.</summary>
    public static int Count => Names.Count;

    /// <summary>The vector position of feature <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">There is no such feature.</exception>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        throw new InvalidOperationException($"feature {name} is not in PairFeatures.Names");
    }

    /// <summary>
    /// Writes the features of papers <paramref name="i"/> and <paramref name="j"/> into <paramref name="into"/>.
    /// One code path computes features (<see cref="PairFeatureBatch"/>); this is its one-pair form.
    /// </summary>
    public static void Compute(PageFeatureContext page, int i, int j, Span<float> into) =>
        ComputeMany(page, [(i, j)], into);

    /// <summary>
    /// Writes the features of many pairs of one page, pair k at <c>into[k * FixedCount ..]</c>, fastest when
    /// consecutive pairs share their first paper (as <c>CandidatePairs</c> orders them). Thread-safe.
    /// </summary>
    public static void ComputeMany(PageFeatureContext page, ReadOnlySpan<(int A, int B)> pairs, Span<float> into) =>
        PairFeatureBatch.ForThread().Compute(page, pairs, into);

    /// <summary>
    /// The features that depend only on the page, in <see cref="PageLevelValues"/> order; both models carry them under
    /// these names (<see cref="ClusterPairFeatures"/> too).
    /// </summary>
    public static readonly IReadOnlyList<string> PageLevelNames =
        ["page_size_log", "name_initials_only", "name_given_freq", "name_surname_freq", "name_east_asian", "page_coauthor_components", "page_topic_focus"];

    /// <summary>The indexes of the features that depend only on the page (the same for every pair of a page).</summary>
    public static ReadOnlySpan<int> PageLevel => PageLevelIndexes;

    /// <summary>The values of the <see cref="PageLevelNames"/> features on <paramref name="page"/>, in that order.</summary>
    public static float[] PageLevelValues(PageFeatureContext page)
    {
        var t = page.Tables;
        return [t.PageSizeLog, t.InitialsOnly, t.GivenFrequency, t.SurnameFrequency, t.EastAsian, t.ComponentShare, t.TopicFocus];
    }

    private static readonly int[] PageLevelIndexes = PageLevelNames.Select(IndexOf).ToArray();

    /// <summary>3 same full form, 2 compatible, 1 compatible only because one side is initials, 0 incompatible.</summary>
    public static float NameMatchGrade(PersonName a, PersonName b)
    {
        if (a.DblpNumber is int x && b.DblpNumber is int y && x != y) return 0;
        if (a.FullKey == b.FullKey) return 3;
        if (!NameCompatibility.AreCompatible(a, b)) return 0;
        return a.IsInitialsOnly || b.IsInitialsOnly ? 1 : 2;
    }





}
