using ArrowDisambig.Clustering;
using ArrowDisambig.Features;

namespace ArrowDisambig.Tests.Performance;

/// <summary>
/// The fast clustering reproduces the reference implementations (<see cref="ReferenceAgglomerative"/>,
/// <see cref="ReferenceProfileMerger"/>: the code before the performance work). Average linkage by the
/// nearest-neighbour chain makes the same merges as the greedy queue; with equal averages both take the pair
/// of lowest cluster ids (the original took them in heap order).
/// </summary>
public class ClusteringEquivalenceTests
{
    private static (int N, List<Affinity> Affinities, Constraints Constraints) RandomGraph(int seed, bool ties, bool constraints)
    {
        var rng = new Random(seed);
        int n = rng.Next(2, 120);
        var affinities = new List<Affinity>();
        double density = rng.NextDouble() * 0.5;
        float[] levels = [0.2f, 0.5f, 0.6f, 0.75f, 0.9f];
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (rng.NextDouble() < density)
                    affinities.Add(new Affinity(a, b, ties ? levels[rng.Next(levels.Length)] : (float)(0.01 + 0.99 * rng.NextDouble())));
        var must = new List<(int, int)>();
        var cannot = new List<(int, int)>();
        if (constraints && n >= 4)
        {
            // Must-links inside the first half, cannot-links from the first half to the second: never contradictory.
            for (int k = 0; k < 3; k++) must.Add((rng.Next(n / 2), rng.Next(n / 2)));
            for (int k = 0; k < 4; k++) cannot.Add((rng.Next(n / 2), n / 2 + rng.Next(n - n / 2)));
        }
        return (n, affinities, new Constraints(must, cannot));
    }

    [Test]
    public void Average_linkage_equals_the_greedy_reference_on_random_graphs([Range(0, 199)] int seed)
    {
        var (n, affinities, constraints) = RandomGraph(seed, ties: false, constraints: seed % 2 == 0);
        foreach (double cut in new[] { 0.05, 0.3, 0.5, 0.7 })
        {
            var fast = Agglomerative.Cluster(n, affinities, cut, constraints);
            var reference = ReferenceAgglomerative.Cluster(n, affinities, cut, constraints);
            Assert.That(fast.Labels, Is.EqualTo(reference.Labels), $"cut {cut}");
            Assert.That(fast.Confidence, Is.EqualTo(reference.Confidence), $"cut {cut}");
            // The original tie order cannot matter without ties.
            var original = ReferenceAgglomerative.Cluster(n, affinities, cut, constraints, lowestIdsOnTies: false);
            Assert.That(fast.Labels, Is.EqualTo(original.Labels), $"cut {cut}, original order");
        }
    }

    /// <summary>
    /// With many equal probabilities, the average to a merged cluster can round one unit in the last place
    /// above the equal averages it came from, so the chain may take tied merges in another order than the queue
    /// (the original's order among ties depended on the heap). The result is still deterministic, keeps the
    /// constraints, and is a finished average linkage: no two clusters it may still join average the cut.
    /// </summary>
    [Test]
    public void With_tied_probabilities_the_result_is_a_deterministic_finished_average_linkage([Range(0, 59)] int seed)
    {
        var (n, affinities, constraints) = RandomGraph(3000 + seed, ties: true, constraints: seed % 2 == 0);
        const double cut = 0.5;
        var fast = Agglomerative.Cluster(n, affinities, cut, constraints);
        Assert.That(Agglomerative.Cluster(n, affinities, cut, constraints).Labels, Is.EqualTo(fast.Labels));
        foreach (var (a, b) in constraints.CannotLink) Assert.That(fast.Labels[a], Is.Not.EqualTo(fast.Labels[b]));
        foreach (var (a, b) in constraints.MustLink) Assert.That(fast.Labels[a], Is.EqualTo(fast.Labels[b]));
        var size = fast.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var sums = new Dictionary<(int, int), double>();
        foreach (var (a, b, p) in affinities)
        {
            int x = fast.Labels[a], y = fast.Labels[b];
            if (x != y) sums[(Math.Min(x, y), Math.Max(x, y))] = sums.GetValueOrDefault((Math.Min(x, y), Math.Max(x, y))) + p;
        }
        var apart = constraints.CannotLink.Select(c => (Math.Min(fast.Labels[c.A], fast.Labels[c.B]), Math.Max(fast.Labels[c.A], fast.Labels[c.B]))).ToHashSet();
        foreach (var ((x, y), s) in sums)
            if (!apart.Contains((x, y))) Assert.That(s / ((double)size[x] * size[y]), Is.LessThan(cut + 1e-9), $"clusters {x}, {y}");
    }

    [Test]
    public void Confidence_equals_the_reference_for_any_clustering([Range(0, 19)] int seed)
    {
        var (n, affinities, _) = RandomGraph(2000 + seed, ties: seed % 2 == 0, constraints: false);
        var rng = new Random(seed);
        var clusters = Enumerable.Range(0, n).Select(_ => rng.Next(1 + n / 5)).ToArray();
        var fast = Agglomerative.Assign(clusters, affinities);
        var reference = ReferenceAgglomerative.Assign(clusters, affinities);
        Assert.That(fast.Labels, Is.EqualTo(reference.Labels));
        Assert.That(fast.Confidence, Is.EqualTo(reference.Confidence));
    }

    [Test]
    public void Average_linkage_equals_the_reference_on_real_pages()
    {
        foreach (var page in new[] { PerfFixtures.Seed, PerfFixtures.Synthetic })
        {
            var affinities = PerfFixtures.Affinities(page);
            var fast = Agglomerative.Cluster(page.Context.Count, affinities, 0.5, Constraints.None);
            var reference = ReferenceAgglomerative.Cluster(page.Context.Count, affinities, 0.5, Constraints.None);
            Assert.That(fast.Labels, Is.EqualTo(reference.Labels));
            Assert.That(fast.Confidence, Is.EqualTo(reference.Confidence));
        }
    }

    [Test]
    public void Profile_merging_makes_the_reference_merges_in_the_reference_order()
    {
        var model = PerfFixtures.Model;
        int merges = 0;
        foreach (var page in new[] { PerfFixtures.Seed, PerfFixtures.Synthetic })
        {
            var affinities = PerfFixtures.Affinities(page);
            var first = Agglomerative.Cluster(page.Context.Count, affinities, model.Card.MinAffinity, Constraints.None);
            var fast = ProfileMerger.MergeSequence(page, first, affinities, model, 0.1);
            var reference = ReferenceProfileMerger.MergeSequence(page, first, affinities, model, 0.1);
            Assert.That(fast, Is.EqualTo(reference));
            if (fast.Count == 0) continue;
            merges += fast.Count;

            // With a reviewer's cannot-link between the papers of the first merge.
            var (c, d, _) = fast[0];
            int a = first.Labels.ToList().IndexOf(c), b = first.Labels.ToList().IndexOf(d);
            var apart = new Constraints([], [(a, b)]);
            var merged = ProfileMerger.Merge(page, first, affinities, model, model.Card.MinMerge!.Value, apart);
            var expected = ReferenceProfileMerger.Merge(page, first, affinities, model, model.Card.MinMerge!.Value, apart);
            Assert.That(merged.Labels, Is.EqualTo(expected.Labels));
            Assert.That(merged.Confidence, Is.EqualTo(expected.Confidence));
            Assert.That(merged.Labels[a], Is.Not.EqualTo(merged.Labels[b]));
        }
        Assert.That(merges, Is.GreaterThan(10));
    }

    [Test]
    public void The_merge_model_scorer_for_a_page_gives_the_generic_scores()
    {
        var model = PerfFixtures.Model;
        IClusterPairScorer generic = model;
        var page = PerfFixtures.Synthetic;
        var specialised = generic.ForPage(page);
        var affinities = PerfFixtures.Affinities(page);
        var first = Agglomerative.Cluster(page.Context.Count, affinities, model.Card.MinAffinity, Constraints.None);
        var vectors = ProfileMerger.InitialCandidates(page, first, affinities).Select(c => c.Features).ToList();
        var rows = vectors.SelectMany(x => x).ToArray();
        var batch = new float[vectors.Count];
        specialised.Score(rows, vectors.Count, batch);
        for (int k = 0; k < vectors.Count; k++)
        {
            Assert.That(specialised.Score(vectors[k]), Is.EqualTo(generic.Score(vectors[k])));
            Assert.That(batch[k], Is.EqualTo(generic.Score(vectors[k])));
        }
    }
}
