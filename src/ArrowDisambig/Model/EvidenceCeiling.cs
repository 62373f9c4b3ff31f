using ArrowDisambig.Collections;
using ArrowDisambig.Evaluation;
using ArrowDisambig.Features;

namespace ArrowDisambig.Model;

/// <summary>
/// How far the evidence on the labelled pages reaches, whatever the model: each gold identity is cut into the groups
/// of its papers that a chain of visible links joins, and that clustering is scored against the gold labels. A link is
/// a shared co-author (merged variants or initial + surname), the same venue, or a title/topic similarity of at least
/// <see cref="Similarity"/>. Papers of one person that share none of these with any other of her papers can only be
/// joined on the name alone, which a common name forbids; so this bounds what any clustering of these fields reaches
/// without trusting the name (it also assumes no false link is ever followed, so it is generous).
/// </summary>
public static class EvidenceCeiling
{
    /// <summary>Topic cosine or title word Jaccard at which two papers count as linked.</summary>
    public const float Similarity = 0.5f;

    private static readonly int Coauthor = PairFeatures.IndexOf("coauthor_shared"), CoauthorInitial = PairFeatures.IndexOf("coauthor_shared_initial"),
        Venue = PairFeatures.IndexOf("venue_same"), Topic = PairFeatures.IndexOf("topic_cosine"), Title = PairFeatures.IndexOf("title_jaccard");

    /// <summary>B³ per data set (and "all") of the gold identities cut into their linked groups.</summary>
    public static List<FoldMetrics> Of(IReadOnlyList<FeaturisedPage> pages)
    {
        var sums = new ScoreSums[pages.Count];
        Parallel.For(0, pages.Count, i => sums[i] = Metrics.Score(LinkedGroups(pages[i]), pages[i].Labelled.Gold));
        return Trainer.Summarise(pages.ToList(), sums);
    }

    /// <summary>A group label per paper: papers of one gold identity joined by a chain of links.</summary>
    public static int[] LinkedGroups(FeaturisedPage page)
    {
        var uf = new UnionFind(page.Count);
        for (int k = 0; k < page.Pairs.Length; k++)
            if (page.Same[k] && Linked(page.Row(k))) uf.Union(page.Pairs[k].A, page.Pairs[k].B);
        return Enumerable.Range(0, page.Count).Select(uf.Find).ToArray();
    }

    /// <summary>Whether a pair's features show a link (NaN compares false: unknown is no link).</summary>
    public static bool Linked(ReadOnlySpan<float> f) =>
        f[Coauthor] > 0 || f[CoauthorInitial] > 0 || f[Venue] == 1 || f[Topic] >= Similarity || f[Title] >= Similarity;
}
