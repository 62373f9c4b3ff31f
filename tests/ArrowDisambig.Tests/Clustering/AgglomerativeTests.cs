using ArrowDisambig.Clustering;

namespace ArrowDisambig.Tests.Clustering;

public class AgglomerativeTests
{
    private static readonly Affinity[] TwoGroups =
    [
        new(0, 1, 0.9f), new(1, 2, 0.8f), new(0, 2, 0.85f),
        new(3, 4, 0.95f),
        new(2, 3, 0.2f),
    ];

    [Test]
    public void Splits_into_groups_at_the_cut()
    {
        var a = Agglomerative.Cluster(5, TwoGroups, 0.5, Constraints.None);
        Assert.That(a.Labels, Is.EqualTo(new[] { 0, 0, 0, 1, 1 }));
        Assert.That(a.Confidence.All(c => c is >= 0 and <= 1), Is.True);
    }

    [Test]
    public void Average_linkage_merges_only_when_the_average_is_high_enough()
    {
        // {0,1,2} to {3,4}: one pair at 0.2 of six -> average 0.033.
        var a = Agglomerative.Cluster(5, TwoGroups, 0.03, Constraints.None);
        Assert.That(a.ClusterCount, Is.EqualTo(1));
        var b = Agglomerative.Cluster(5, TwoGroups, 0.04, Constraints.None);
        Assert.That(b.ClusterCount, Is.EqualTo(2));
    }

    [Test]
    public void Unscored_pairs_never_merge()
    {
        var a = Agglomerative.Cluster(3, [], 0.0001, Constraints.None);
        Assert.That(a.Labels, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Must_link_joins_and_cannot_link_separates()
    {
        var c = new Constraints([(2, 3)], [(0, 1)]);
        var a = Agglomerative.Cluster(5, TwoGroups, 0.5, c);
        Assert.That(a.Labels[2], Is.EqualTo(a.Labels[3]));
        Assert.That(a.Labels[0], Is.Not.EqualTo(a.Labels[1]));
    }

    [Test]
    public void Cannot_link_holds_across_merged_clusters()
    {
        // 0-1 and 2-3 are strong, 1-2 strong too; cannot-link 0 and 3 keeps the two pairs apart.
        Affinity[] aff = [new(0, 1, 0.99f), new(2, 3, 0.99f), new(1, 2, 0.99f), new(0, 2, 0.99f), new(1, 3, 0.99f), new(0, 3, 0.99f)];
        var a = Agglomerative.Cluster(4, aff, 0.5, new Constraints([], [(0, 3)]));
        Assert.That(a.Labels[0], Is.Not.EqualTo(a.Labels[3]));
    }

    [Test]
    public void Contradictory_constraints_are_reported()
    {
        var c = new Constraints([(0, 1), (1, 2)], [(0, 2)]);
        Assert.Throws<ConstraintConflictException>(() => Agglomerative.Cluster(3, [], 0.5, c));
    }

    [Test]
    public void Labels_are_numbered_by_first_paper_and_deterministic()
    {
        var a = Agglomerative.Cluster(5, TwoGroups.Reverse(), 0.5, Constraints.None);
        Assert.That(a.Labels, Is.EqualTo(new[] { 0, 0, 0, 1, 1 }));
    }
}
