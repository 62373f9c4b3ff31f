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
        var profiles = Enumerable.Range(0, 8).Select(c => ClusterProfile.Of(page, Enumerable.Range(0, page.Context.Count).Where(p => p % 8 == c))).ToList();
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
        var a = ClusterProfile.Of(page, [0, 1, 2]);
        var b = ClusterProfile.Of(page, [3, 4]);
        var union = ClusterProfile.Of(page, [0, 1, 2, 3, 4]);
        var merged = ClusterProfile.Merge(a, b);
        Assert.That(merged.Size, Is.EqualTo(5));
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
        ClusterPairFeatures.Compute(page, ClusterProfile.Of(page, [0]), ClusterProfile.Of(page, [4]), default, x);
        Assert.That(x[Index("coauthor_shared")], Is.GreaterThanOrEqualTo(2));
        Assert.That(x[Index("coauthor_shared_initial")], Is.GreaterThanOrEqualTo(x[Index("coauthor_shared")]));
    }
}
