using ArrowDisambig.Clustering;
using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Clustering;

public class ProfileMergerTests
{
    /// <summary>Says "same person" exactly when the clusters share a co-author.</summary>
    private sealed class SharedCoauthorScorer : IClusterPairScorer
    {
        private static readonly int Shared = ClusterPairFeatures.Names.ToList().IndexOf("coauthor_shared");
        public float Score(ReadOnlySpan<float> x) => x[Shared] > 0 ? 0.9f : 0.1f;
    }

    private static PageFeatureContext Seed() =>
        PageFeatureContext.Build(PageContext.Build(ArrowPageParser.ParseFile(TestPaths.Seed)), NameFrequencies.Embedded());

    [Test]
    public void Joins_clusters_that_the_merge_model_accepts_and_respects_cannot_links()
    {
        var page = Seed();
        int n = page.Context.Count;
        var singletons = Agglomerative.Cluster(n, [], 0.5, Constraints.None);
        var merged = ProfileMerger.Merge(page, singletons, [], new SharedCoauthorScorer(), 0.5, Constraints.None);
        Assert.That(merged.ClusterCount, Is.LessThan(n));
        // Papers 1 and 5 share co-authors, so they end up together.
        Assert.That(merged.Labels[0], Is.EqualTo(merged.Labels[4]));

        var apart = new Constraints([], [(0, 4)]);
        var constrained = ProfileMerger.Merge(page, Agglomerative.Cluster(n, [], 0.5, apart), [], new SharedCoauthorScorer(), 0.5, apart);
        Assert.That(constrained.Labels[0], Is.Not.EqualTo(constrained.Labels[4]));
    }

    [Test]
    public void Nothing_merges_below_the_cut()
    {
        var page = Seed();
        var singletons = Agglomerative.Cluster(page.Context.Count, [], 0.5, Constraints.None);
        var merged = ProfileMerger.Merge(page, singletons, [], new SharedCoauthorScorer(), 0.95, Constraints.None);
        Assert.That(merged.ClusterCount, Is.EqualTo(page.Context.Count));
    }

    [Test]
    public void Merge_sequence_replays_the_greedy_run()
    {
        var page = Seed();
        var singletons = Agglomerative.Cluster(page.Context.Count, [], 0.5, Constraints.None);
        var sequence = ProfileMerger.MergeSequence(page, singletons, [], new SharedCoauthorScorer(), 0.5);
        var merged = ProfileMerger.Merge(page, singletons, [], new SharedCoauthorScorer(), 0.5, Constraints.None);
        Assert.That(sequence, Has.Count.EqualTo(page.Context.Count - merged.ClusterCount));
    }

    [Test]
    public void Visiting_scored_pairs_reports_the_initial_candidates_and_those_of_grown_clusters()
    {
        var page = Seed();
        var singletons = Agglomerative.Cluster(page.Context.Count, [], 0.5, Constraints.None);
        var initial = ProfileMerger.InitialCandidates(page, singletons, []);
        var visited = new List<(int SizeC, int SizeD, float[] X)>();
        ProfileMerger.VisitScoredPairs(page, singletons, [], new SharedCoauthorScorer(), 0.5, (c, d, x) => visited.Add((c.Count, d.Count, x.ToArray())));
        Assert.That(visited.Take(initial.Count).Select(v => v.X), Is.EqualTo(initial.Select(i => i.Features)),
            "the first pairs scored are the initial candidates, with the same features");
        Assert.That(visited.Skip(initial.Count).Any(v => v.SizeC + v.SizeD > 2), Is.True, "later pairs include clusters grown by merging");
    }
}
