using System.Runtime.InteropServices;
using ArrowDisambig.Clustering;
using ArrowDisambig.Features;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Performance;

/// <summary>
/// The fast feature code computes the same values as before, bit for bit. The reference checksums are of all
/// pair features of the seed page and of a synthetic 400-paper page. They were first computed with the code of
/// commit 8f185d5 (before the performance work), then renewed once when the feature list gained
/// <c>topic_cosine</c> (its batch and single-pair paths are checked against each other in FeatureTests). If a
/// change to parsing, names or the feature list changes them on purpose, update them here.
/// </summary>
public class FeatureEquivalenceTests
{
    private const string SeedReference = "f2b6a8f77765b934c5c7dae78df991b6731a48d782501dd41372a409ca6a8bd8";
    private const string SyntheticReference = "d01faaddfd026819f27c629db550d505636d477d4799a8558896c5be779a944b";

    private static float[] One(PageFeatureContext page, (int A, int B)[] pairs)
    {
        const int F = PairFeatures.FixedCount;
        var x = new float[pairs.Length * F];
        for (int k = 0; k < pairs.Length; k++) PairFeatures.Compute(page, pairs[k].A, pairs[k].B, x.AsSpan(k * F, F));
        return x;
    }

    private static float[] Many(PageFeatureContext page, (int A, int B)[] pairs)
    {
        var x = new float[pairs.Length * PairFeatures.FixedCount];
        PairFeatures.ComputeMany(page, pairs, x);
        return x;
    }

    [Test]
    public void Seed_page_features_match_the_reference_checksum() => AssertReference(PerfFixtures.Seed, SeedReference);

    [Test]
    public void Synthetic_page_features_match_the_reference_checksum() => AssertReference(PerfFixtures.Synthetic, SyntheticReference);

    // The references pin the first 32 features, those of the original implementation (ReferenceImplementations):
    // later features are appended, so the old columns must not move.
    private const int ReferenceFeatures = 32;

    private static void AssertReference(PageFeatureContext page, string reference)
    {
        var pairs = PerfFixtures.AllPairs(page.Context.Count);
        Assert.That(PerfFixtures.Checksum(Leading(One(page, pairs))), Is.EqualTo(reference), "PairFeatures.Compute");
        Assert.That(PerfFixtures.Checksum(Leading(Many(page, pairs))), Is.EqualTo(reference), "PairFeatures.ComputeMany");
    }

    private static float[] Leading(float[] rows)
    {
        const int F = PairFeatures.FixedCount;
        var x = new float[rows.Length / F * ReferenceFeatures];
        for (int k = 0; k < rows.Length / F; k++) rows.AsSpan(k * F, ReferenceFeatures).CopyTo(x.AsSpan(k * ReferenceFeatures));
        return x;
    }

    [Test]
    public void Batch_features_equal_single_pair_features_in_any_pair_order()
    {
        var page = PerfFixtures.Synthetic;
        var rng = new Random(7);
        // Unsorted pairs, first paper above the second, repeats: the batch must not depend on CandidatePairs' order.
        var pairs = Enumerable.Range(0, 3000).Select(_ => (rng.Next(page.Context.Count), rng.Next(page.Context.Count))).ToArray();
        Assert.That(BitsOf(Many(page, pairs)), Is.EqualTo(BitsOf(One(page, pairs))));
    }

    [Test]
    public void Batch_features_equal_single_pair_features_on_the_dev_pages()
    {
        string data = TestPaths.RequireSharedData();
        var errors = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(data, "arrow")))
            foreach (var lp in LabelledCorpus.ReadArrowFolder(folder, errors))
            {
                var page = PerfFixtures.Build(lp.Page);
                var pairs = PerfFixtures.AllPairs(page.Context.Count).Take(3000).ToArray();
                Assert.That(BitsOf(Many(page, pairs)), Is.EqualTo(BitsOf(One(page, pairs))), lp.Page.Source);
            }
    }

    [Test]
    public void Cluster_pair_features_of_the_merge_stage_equal_the_reference_computation()
    {
        int compared = 0;
        foreach (var page in new[] { PerfFixtures.Seed, PerfFixtures.Synthetic })
        {
            var affinities = PerfFixtures.Affinities(page);
            var first = Agglomerative.Cluster(page.Context.Count, affinities, PerfFixtures.Model.Card.MinAffinity, Constraints.None);
            var candidates = ProfileMerger.InitialCandidates(page, first, affinities);
            compared += candidates.Count;
            var members = Enumerable.Range(0, first.ClusterCount).Select(c => Enumerable.Range(0, page.Context.Count).Where(p => first.Labels[p] == c).ToList()).ToArray();
            var internalAffinity = new double[first.ClusterCount];
            foreach (var a in affinities)
                if (first.Labels[a.A] == first.Labels[a.B]) internalAffinity[first.Labels[a.A]] += a.P;
            var profiles = members.Select((m, c) => ClusterProfile.Of(page, m, internalAffinity[c])).ToArray();
            var links = new Dictionary<(int, int), LinkStats>();
            foreach (var a in affinities)
            {
                int c = first.Labels[a.A], d = first.Labels[a.B];
                if (c == d) continue;
                var key = (Math.Min(c, d), Math.Max(c, d));
                links[key] = links.GetValueOrDefault(key) + LinkStats.Of(a.P);
            }
            var expected = new float[ClusterPairFeatures.FixedCount];
            foreach (var (c, d, features) in candidates)
            {
                ClusterPairFeatures.Compute(page, profiles[c], profiles[d], links.GetValueOrDefault((c, d)), expected);
                Assert.That(BitsOf(features), Is.EqualTo(BitsOf(expected)), $"clusters {c}, {d}");
            }
        }
        Assert.That(compared, Is.GreaterThan(100));
    }

    [Test]
    public void Merged_profiles_equal_profiles_built_from_the_union()
    {
        var page = PerfFixtures.Synthetic;
        var a = ClusterProfile.Of(page, Enumerable.Range(0, 150), 0);
        var b = ClusterProfile.Of(page, Enumerable.Range(150, 100), 0);
        var merged = ClusterProfile.Merge(a, b, default);
        var union = ClusterProfile.Of(page, Enumerable.Range(0, 250), 0);
        Assert.That(merged.TitleVector.Ids, Is.EqualTo(union.TitleVector.Ids));
        Assert.That(merged.AbstractVector.Ids, Is.EqualTo(union.AbstractVector.Ids));
        Assert.That(merged.Variants.Select(v => v.Original), Is.EqualTo(union.Variants.Select(v => v.Original)));
    }

    [Test]
    public void Normalised_sums_repeated_ids_in_input_order()
    {
        // In float, (1e8 + 1) + -1e8 is 0 while (1e8 + -1e8) + 1 is 1: the input order must be kept.
        var v = SparseVector.Normalised([new(7, 1e8f), new(3, 1f), new(7, 1f), new(7, -1e8f)]);
        Assert.That(v.Ids, Is.EqualTo(new[] { 3, 7 }));
        Assert.That(v.Weights, Is.EqualTo(new[] { 1f, 0f }));
    }

    private static int[] BitsOf(float[] x) => MemoryMarshal.Cast<float, int>(x.AsSpan()).ToArray();
}
