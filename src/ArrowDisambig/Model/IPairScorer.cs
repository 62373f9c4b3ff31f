using ArrowDisambig.Features;

namespace ArrowDisambig.Model;

/// <summary>
/// Scores candidate pairs of one page: the probability that the two papers are by the same person.
/// The Clustering stage only sees these numbers, so a scorer can be replaced without touching other stages.
/// </summary>
public interface IPairScorer
{
    /// <summary>Short name for run.json and logs.</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="pairs"/> of one page into <paramref name="probabilities"/>. Thread-safe.</summary>
    void Score(PageFeatureContext page, IReadOnlyList<(int A, int B)> pairs, Span<float> probabilities);
}

/// <summary>
/// The rule-based baseline: co-author graph and name model with hand-set weights in a logistic link.
/// It needs no training data; the learned model replaces it in the default pipeline.
/// </summary>
public sealed class BaselineScorer : IPairScorer
{
    private static readonly int Shared = Index("coauthor_shared");
    private static readonly int Rarity = Index("coauthor_shared_rarity");
    private static readonly int TwoHop = Index("coauthor_two_hop");
    private static readonly int NameMatch = Index("target_name_match");
    private static readonly int Dblp = Index("target_dblp_same");
    private static readonly int Venue = Index("venue_same");
    private static readonly int Title = Index("title_shared_idf");
    private static readonly int YearGap = Index("year_gap");
    private static readonly int PageSize = Index("page_size_log");
    private static readonly int Common = Index("name_east_asian");
    private static readonly int Initials = Index("name_initials_only");
    private static readonly int GivenFreq = Index("name_given_freq");
    private static readonly int SurnameFreq = Index("name_surname_freq");
    private static readonly int Topic = Index("topic_cosine");

    /// <summary>The cut the rules were set for.</summary>
    public const double DefaultMinAffinity = 0.5;

    /// <inheritdoc />
    public string Name => "baseline";

    /// <inheritdoc />
    public void Score(PageFeatureContext page, IReadOnlyList<(int A, int B)> pairs, Span<float> probabilities)
    {
        Span<float> x = stackalloc float[PairFeatures.Count];
        for (int k = 0; k < pairs.Count; k++)
        {
            PairFeatures.Compute(page, pairs[k].A, pairs[k].B, x);
            probabilities[k] = Probability(x);
        }
    }

    /// <summary>
    /// The hand-set rule. A shared co-author is strong evidence; a rare name (small page, not a common
    /// East Asian surname, not initials) is one person unless something says otherwise; a common name
    /// needs co-author, venue or topic evidence.
    /// </summary>
    public static float Probability(ReadOnlySpan<float> x)
    {
        if (x[NameMatch] == 0 || x[Dblp] == 0) return 0;
        double prior = 4.5 - 0.3 * (x[GivenFreq] + x[SurnameFreq]) - 0.3 * x[PageSize] - 1.0 * x[Common] - 1.5 * x[Initials];
        double z = prior
            + 3.0 * Math.Min(x[Shared], 2) + 0.2 * x[Rarity]
            + 1.5 * x[TwoHop]
            + (float.IsNaN(x[Venue]) ? 0 : 1.0 * x[Venue])
            + 0.3 * Math.Min(x[Title], 10)
            + (float.IsNaN(x[Topic]) ? 0 : 2.0 * (x[Topic] - 0.3))
            - (float.IsNaN(x[YearGap]) ? 0 : 0.08 * x[YearGap]);
        return (float)(1 / (1 + Math.Exp(-z)));
    }

    private static int Index(string name) => PairFeatures.IndexOf(name);
}
