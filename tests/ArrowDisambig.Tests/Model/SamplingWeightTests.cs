using ArrowDisambig.Model;

namespace ArrowDisambig.Tests.Model;

public class SamplingWeightTests
{
    [Test]
    public void Weights_restore_the_page_share_of_positives_and_keep_the_sample_weight()
    {
        // 1,000 pairs, 50 positive (5%); a balanced sample takes all 50 positives and 150 negatives (25% positive).
        var same = Enumerable.Range(0, 1000).Select(k => k < 50).ToArray();
        var chosen = Enumerable.Range(0, 200).ToList();
        var (pos, neg) = Trainer.ClassWeights(same, chosen);
        double positiveWeight = 50 * pos, total = 50 * pos + 150 * neg;
        Assert.That(positiveWeight / total, Is.EqualTo(0.05).Within(1e-6));
        Assert.That(total, Is.EqualTo(200).Within(1e-3));
    }

    [Test]
    public void A_sample_of_one_class_keeps_unit_weights()
    {
        var same = new[] { true, true, false };
        Assert.That(Trainer.ClassWeights(same, [0, 1]), Is.EqualTo((1f, 1f)));
    }
}
