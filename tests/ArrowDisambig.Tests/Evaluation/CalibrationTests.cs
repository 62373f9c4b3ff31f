using ArrowDisambig.Evaluation;

namespace ArrowDisambig.Tests.Evaluation;

public class CalibrationTests
{
    [Test]
    public void Probabilities_that_match_outcomes_have_no_calibration_error()
    {
        // 0.25 of the pairs at 0.25 are one person, 0.75 of those at 0.75.
        var outcomes = Enumerable.Range(0, 400).Select(i => i < 200 ? (0.25f, i % 4 == 0) : (0.75f, i % 4 != 0));
        var c = Calibration.Of(outcomes);
        Assert.That(c.Count, Is.EqualTo(400));
        Assert.That(c.ExpectedError, Is.EqualTo(0).Within(1e-9));
        Assert.That(c.Brier, Is.EqualTo(0.1875).Within(1e-9));
        Assert.That(c.Bins.Select(b => b.Count), Is.EqualTo(new long[] { 200, 200 }));
        Assert.That(c.Bins[0].Low, Is.EqualTo(0.2).Within(1e-12));
    }

    [Test]
    public void Overconfidence_shows_as_the_gap_between_predicted_and_observed()
    {
        // Said 0.9, right half the time.
        var c = Calibration.Of(Enumerable.Range(0, 10).Select(i => (0.9f, i % 2 == 0)));
        Assert.That(c.ExpectedError, Is.EqualTo(0.4).Within(1e-6));
        Assert.That(c.Bins.Single().Observed, Is.EqualTo(0.5));
    }

    [Test]
    public void Probability_one_falls_in_the_last_bin_and_outside_values_are_refused()
    {
        Assert.That(Calibration.Of([(1f, true)]).Bins.Single().Low, Is.EqualTo(0.9).Within(1e-12));
        Assert.That(() => Calibration.Of([(float.NaN, true)]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(Calibration.Of([]).Count, Is.EqualTo(0));
    }
}

public class WellPlacedTests
{
    [Test]
    public void A_stray_paper_in_another_persons_identity_is_not_well_placed()
    {
        // Cluster 0 holds a, a, b: the b paper is a stray. Cluster 1 holds b alone: it is with its own person.
        var well = Metrics.WellPlaced([0, 0, 0, 1], ["a", "a", "b", "b"]);
        Assert.That(well, Is.EqualTo(new[] { true, true, false, true }));
    }

    [Test]
    public void Lengths_must_agree() =>
        Assert.That(() => Metrics.WellPlaced([0], ["a", "b"]), Throws.ArgumentException);
}
