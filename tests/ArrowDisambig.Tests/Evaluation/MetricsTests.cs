using ArrowDisambig.Evaluation;

namespace ArrowDisambig.Tests.Evaluation;

public class MetricsTests
{
    [Test]
    public void Perfect_clustering_scores_one()
    {
        var s = Metrics.Score(new[] { 0, 0, 1 }, new[] { "a", "a", "b" });
        Assert.That(s.B3.F1, Is.EqualTo(1).Within(1e-12));
        Assert.That(s.Pairwise.F1, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Everything_in_one_cluster_matches_hand_computation()
    {
        // gold {1,2} {3}; predicted {1,2,3}.
        // P: 2/3, 2/3, 1/3 -> 5/9. R: 1, 1, 1 -> 1. Pairs: predicted 3, gold 1, true 1.
        var s = Metrics.Score(new[] { 0, 0, 0 }, new[] { "a", "a", "b" });
        Assert.That(s.B3.Precision, Is.EqualTo(5.0 / 9).Within(1e-12));
        Assert.That(s.B3.Recall, Is.EqualTo(1).Within(1e-12));
        Assert.That(s.B3.F1, Is.EqualTo(2 * (5.0 / 9) / (5.0 / 9 + 1)).Within(1e-12));
        Assert.That(s.Pairwise.Precision, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(s.Pairwise.Recall, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void All_singletons_matches_hand_computation()
    {
        // gold {1,2,3,4}; predicted singletons: P = 1 each, R = 1/4 each.
        var s = Metrics.Score(new[] { 0, 1, 2, 3 }, new[] { "a", "a", "a", "a" });
        Assert.That(s.B3.Precision, Is.EqualTo(1));
        Assert.That(s.B3.Recall, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(s.Pairwise.Recall, Is.EqualTo(0));
        Assert.That(s.Pairwise.F1, Is.EqualTo(0));
    }

    [Test]
    public void Sums_of_pages_are_micro_averages_over_papers()
    {
        var a = Metrics.Score(new[] { 0, 0, 0 }, new[] { "a", "a", "b" });
        var b = Metrics.Score(new[] { 0 }, new[] { "x" });
        var total = a + b;
        Assert.That(total.Papers, Is.EqualTo(4));
        Assert.That(total.B3.Precision, Is.EqualTo((5.0 / 3 + 1) / 4).Within(1e-12));
    }

    [Test]
    public void Label_count_mismatch_throws() =>
        Assert.Throws<ArgumentException>(() => Metrics.Score(new[] { 0 }, new[] { "a", "b" }));
}
