using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Features;

public class FeatureTests
{
    private static PageFeatureContext Seed() =>
        PageFeatureContext.Build(PageContext.Build(ArrowPageParser.ParseFile(TestPaths.Seed)), NameFrequencies.Embedded());

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
    }
}
