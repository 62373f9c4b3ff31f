using ArrowDisambig.Clustering;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

public class IdentityCarryOverTests
{
    private static ClusterAssignment Labels(params int[] labels) => new(labels, labels.Select(_ => 1.0).ToList());

    private static Dictionary<string, string> Previous(ClusterPage page, IReadOnlyList<string> ids) =>
        page.Papers.Select((p, i) => (PaperKey.Of(p), ids[i])).ToDictionary(x => x.Item1, x => x.Item2);

    private static Dictionary<string, string> ByKey(ClusterPage page, IReadOnlyList<string> ids) => Previous(page, ids);

    [Test]
    public void Without_a_previous_run_ids_are_the_deterministic_ones()
    {
        var page = ReviewFixtures.Page(ReviewFixtures.Chemist(6));
        var a = Labels(0, 0, 0, 1, 1, 2);
        Assert.That(IdentityCarryOver.Assign(page, a, null), Is.EqualTo(PageProcessor.IdentityIds(page, a)));
    }

    [Test]
    public void A_grown_and_reordered_page_keeps_every_id()
    {
        var page = ReviewFixtures.Page(ReviewFixtures.Chemist(6));
        var before = IdentityCarryOver.Assign(page, Labels(0, 0, 0, 1, 1, 2), null);
        var previous = Previous(page, before);
        string first = ReviewFixtures.Chemist(1)[0].Title, joiner = ReviewFixtures.Chemist(7)[6].Title;

        // The old papers shuffled, plus two new ones: one joins the first identity, one is a new person.
        var grown = ReviewFixtures.Page(ReviewFixtures.Shuffle(page.Papers.Concat(ReviewFixtures.Chemist(2, from: 6)), seed: 3));
        int LabelOf(Paper p) =>
            previous.TryGetValue(PaperKey.Of(p), out var id) ? before.Distinct().ToList().IndexOf(id)
            : p.Title == joiner ? 0 : 3;
        var after = IdentityCarryOver.Assign(grown, Labels(grown.Papers.Select(LabelOf).ToArray()), previous);

        var afterByKey = ByKey(grown, after);
        foreach (var (k, id) in previous) Assert.That(afterByKey[k], Is.EqualTo(id), "every old paper keeps its id");
        Assert.That(after.Distinct().Count(), Is.EqualTo(4));
        Assert.That(after.Distinct().Except(before), Has.Exactly(1).Items, "the new person has a new id");
        Assert.That(grown.Papers[0].Title, Is.Not.EqualTo(first), "fixture: the page is reordered");
    }

    [Test]
    public void A_split_keeps_the_id_on_the_larger_part_and_the_smaller_part_never_reuses_an_old_id()
    {
        var page = ReviewFixtures.Page(ReviewFixtures.Chemist(7));
        var before = IdentityCarryOver.Assign(page, Labels(0, 0, 0, 0, 0, 0, 1), null);
        var prev = Previous(page, before);
        // Split the big identity: papers 0 and 1 (one of them the smallest key, whose hash made the old id) leave.
        var after = IdentityCarryOver.Assign(page, Labels(0, 0, 1, 1, 1, 1, 2), prev);
        Assert.That(after[2], Is.EqualTo(before[2]), "the larger part keeps the id");
        Assert.That(after[6], Is.EqualTo(before[6]), "the untouched identity keeps its id");
        Assert.That(after[0], Is.Not.AnyOf(before[0], before[6]), "the smaller part gets an id no identity had");
        Assert.That(IdentityCarryOver.Assign(page, Labels(0, 0, 1, 1, 1, 1, 2), prev), Is.EqualTo(after), "deterministic");
    }

    [Test]
    public void A_merge_keeps_the_id_of_the_larger_previous_identity()
    {
        var page = ReviewFixtures.Page(ReviewFixtures.Chemist(5));
        var before = IdentityCarryOver.Assign(page, Labels(0, 1, 1, 1, 2), null);
        var after = IdentityCarryOver.Assign(page, Labels(0, 0, 0, 0, 1), Previous(page, before));
        Assert.That(after.Take(4).Distinct(), Is.EqualTo(new[] { before[1] }));
        Assert.That(after[4], Is.EqualTo(before[4]));
    }
}
