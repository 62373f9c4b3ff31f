using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Features;

public class FeatureTests
{
    private static PageFeatureContext Seed() =>
        PageFeatureContext.Build(PageContext.Build(ArrowPageParser.ParseFile(TestPaths.Seed)), NameFrequencies.Embedded(), TopicSpace.Embedded());

    [Test]
    public void Batch_features_equal_single_pair_features_bit_for_bit()
    {
        var page = Seed();
        int n = page.Context.Count;
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) pairs.Add((a, b));
        var batch = new float[pairs.Count * PairFeatures.FixedCount];
        PairFeatures.ComputeMany(page, pairs.ToArray(), batch);
        var one = new float[PairFeatures.FixedCount];
        for (int k = 0; k < pairs.Count; k++)
        {
            PairFeatures.Compute(page, pairs[k].A, pairs[k].B, one);
            for (int f = 0; f < one.Length; f++)
                Assert.That(BitConverter.SingleToInt32Bits(batch[k * PairFeatures.FixedCount + f]), Is.EqualTo(BitConverter.SingleToInt32Bits(one[f])),
                    $"pair {pairs[k]}, feature {PairFeatures.Names[f]}");
        }
        int topic = PairFeatures.Names.ToList().IndexOf("topic_cosine");
        Assert.That(Enumerable.Range(0, pairs.Count).Count(k => !float.IsNaN(batch[k * PairFeatures.FixedCount + topic])), Is.GreaterThan(0),
            "the shipped topic space knows the seed's words");
    }

    [Test]
    public void Feature_lists_match_their_vector_sizes()
    {
        Assert.That(PairFeatures.Names, Has.Count.EqualTo(PairFeatures.FixedCount));
        Assert.That(ClusterPairFeatures.Names, Has.Count.EqualTo(ClusterPairFeatures.FixedCount));
        Assert.That(PairFeatures.Names.Distinct().Count(), Is.EqualTo(PairFeatures.Count));
    }

    [Test]
    public void Shared_coauthors_and_missing_values_are_reported()
    {
        var page = Seed();
        var x = new float[PairFeatures.FixedCount];
        int Index(string name) => PairFeatures.Names.ToList().IndexOf(name);
        // Papers 1 and 5 of the seed share Silviu Pitis and Yongchao Zhou.
        PairFeatures.Compute(page, 0, 4, x);
        Assert.That(x[Index("coauthor_shared")], Is.GreaterThanOrEqualTo(2));
        Assert.That(x[Index("venue_same")], Is.EqualTo(1));
        Assert.That(x[Index("target_name_match")], Is.EqualTo(3));
        Assert.That(x.Count(float.IsNaN), Is.LessThan(PairFeatures.Count));
    }

    [Test]
    public void Features_are_symmetric_in_the_pair()
    {
        var page = Seed();
        var ab = new float[PairFeatures.FixedCount];
        var ba = new float[PairFeatures.FixedCount];
        for (int i = 0; i < 10; i++)
            for (int j = i + 1; j < 10; j++)
            {
                PairFeatures.Compute(page, i, j, ab);
                PairFeatures.Compute(page, j, i, ba);
                Assert.That(ba, Is.EqualTo(ab).Within(1e-5f), $"{i},{j}");
            }
    }

    [Test]
    public void Batch_cluster_features_equal_single_cluster_features_bit_for_bit()
    {
        var page = Seed();
        var profiles = Enumerable.Range(0, 8).Select(c => ClusterProfile.Of(page, Enumerable.Range(0, page.Context.Count).Where(p => p % 8 == c), c * 0.75)).ToList();
        var batch = new ClusterPairFeatureBatch(page);
        var x = new float[ClusterPairFeatures.FixedCount];
        var y = new float[ClusterPairFeatures.FixedCount];
        var links = new LinkStats(1.5, 0.7f, 2);
        foreach (var a in profiles)
            foreach (var b in profiles.Where(b => !ReferenceEquals(a, b)))
            {
                ClusterPairFeatures.Compute(page, a, b, links, x);
                batch.Compute(a, b, links, y);
                for (int f = 0; f < x.Length; f++)
                    Assert.That(BitConverter.SingleToInt32Bits(y[f]), Is.EqualTo(BitConverter.SingleToInt32Bits(x[f])), ClusterPairFeatures.Names[f]);
            }
    }

    [Test]
    public void Cluster_profiles_merge_like_the_union_of_their_papers()
    {
        var page = Seed();
        var a = ClusterProfile.Of(page, [0, 1, 2], 2.4);
        var b = ClusterProfile.Of(page, [3, 4], 0.9);
        var union = ClusterProfile.Of(page, [0, 1, 2, 3, 4], 0);
        var merged = ClusterProfile.Merge(a, b, new LinkStats(3.0, 0.8f, 4));
        Assert.That(merged.Size, Is.EqualTo(5));
        // Internal pairs of both parts plus the six cross pairs: (2.4 + 0.9 + 3.0) / 10.
        Assert.That(merged.InternalAffinity, Is.EqualTo(6.3).Within(1e-9));
        Assert.That(merged.Cohesion, Is.EqualTo(0.63f).Within(1e-6));
        Assert.That(a.Cohesion, Is.EqualTo(0.8f).Within(1e-6));
        Assert.That(merged.Coauthors, Is.EquivalentTo(union.Coauthors));
        Assert.That(merged.Venues, Is.EquivalentTo(union.Venues));
        Assert.That(merged.MinYear, Is.EqualTo(union.MinYear));
        Assert.That(merged.TitleVector.Dot(union.TitleVector), Is.EqualTo(1).Within(1e-4));
        Assert.That(merged.InitialKeys, Is.EquivalentTo(union.InitialKeys));
    }

    [Test]
    public void Clusters_sharing_co_authors_share_their_initial_keys_too()
    {
        var page = Seed();
        var x = new float[ClusterPairFeatures.FixedCount];
        int Index(string name) => ClusterPairFeatures.Names.ToList().IndexOf(name);
        // Papers 1 and 5 of the seed share Silviu Pitis and Yongchao Zhou.
        ClusterPairFeatures.Compute(page, ClusterProfile.Of(page, [0], 0), ClusterProfile.Of(page, [4], 0), default, x);
        Assert.That(x[Index("coauthor_shared")], Is.GreaterThanOrEqualTo(2));
        Assert.That(x[Index("coauthor_shared_initial")], Is.GreaterThanOrEqualTo(x[Index("coauthor_shared")]));
    }

    [Test]
    public void Component_share_counts_co_author_circles_per_paper_with_co_authors()
    {
        // Papers 0-2 share co-author 0; paper 3 has its own; paper 4 has none and is left out.
        var circles = new CoauthorGraph([[0], [0, 1], [1], [2], []], ["a", "b", "c"]);
        Assert.That(circles.ComponentShare(), Is.EqualTo(2f / 4));
        var strangers = new CoauthorGraph([[0], [1], [2]], ["a", "b", "c"]);
        Assert.That(strangers.ComponentShare(), Is.EqualTo(1f));
        Assert.That(float.IsNaN(new CoauthorGraph([[], []], []).ComponentShare()), Is.True);
    }

    [Test]
    public void Page_level_features_are_the_same_for_every_pair_and_in_range()
    {
        var page = Seed();
        var pairs = new[] { (0, 1), (2, 30), (5, 42) };
        var x = new float[pairs.Length * PairFeatures.FixedCount];
        PairFeatures.ComputeMany(page, pairs, x);
        var values = PairFeatures.PageLevelValues(page);
        for (int k = 0; k < pairs.Length; k++)
            for (int j = 0; j < PairFeatures.PageLevel.Length; j++)
                Assert.That(x[k * PairFeatures.FixedCount + PairFeatures.PageLevel[j]], Is.EqualTo(values[j]), PairFeatures.Names[PairFeatures.PageLevel[j]]);
        int Index(string name) => PairFeatures.Names.ToList().IndexOf(name);
        // The seed is one person: its papers share co-author circles and one topic.
        Assert.That(x[Index("page_coauthor_components")], Is.InRange(0f, 0.5f));
        Assert.That(x[Index("page_topic_focus")], Is.InRange(0.3f, 1f));
    }

    [Test]
    public void Circles_group_papers_by_co_authors_shared_within_the_set()
    {
        // Papers 0-1-2 chain through co-authors 0 and 1; 3-4 share co-author 2; 5 shares nobody; 6 shares co-author 2
        // but is left out of the set, so it cannot join anything.
        var g = new CoauthorGraph([[0], [0, 1], [1], [2], [2], [3], [2]], ["a", "b", "c", "d"]);
        var circles = g.Circles([5, 4, 3, 2, 1, 0]);
        Assert.That(circles, Is.EqualTo(new[] { new[] { 0, 1, 2 }, new[] { 3, 4 }, new[] { 5 } }));
        Assert.That(g.Circles([0, 3, 6]), Is.EqualTo(new[] { new[] { 3, 6 }, new[] { 0 } }));
    }
}
