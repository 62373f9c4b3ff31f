using ArrowDisambig.Features;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Model;

public class EvidenceCeilingTests
{
    private static Paper P(int i, string venue, string title, params string[] authors) => new(i, venue, "", 2000, "", title, authors, "", default);

    private static FeaturisedPage Page(IReadOnlyList<Paper> papers, params string[] gold) =>
        new Trainer(new TrainOptions()).Featurise([new LabelledPage("d", new ClusterPage("d--ann-lee.txt", "Ann Lee", papers.Count, papers, []), gold)],
            NameFrequencies.Empty, null).Single(p => p.Labelled.Dataset == "d");

    [Test]
    public void A_paper_with_no_visible_link_to_its_identity_stays_apart()
    {
        var page = Page([
            P(1, "Journal of Optics", "Lasers in fibre", "Ann Lee", "Carl Moss"),
            P(2, "Plant Biology", "Roots of wheat", "Carl Moss", "Ann Lee"),
            P(3, "Economics Letters", "Tariffs and trade", "Ann Lee", "Dora Finch"),
        ], "a", "a", "a");
        var groups = EvidenceCeiling.LinkedGroups(page);
        Assert.That(groups[0], Is.EqualTo(groups[1]), "a shared co-author links 1 and 2");
        Assert.That(groups[2], Is.Not.EqualTo(groups[0]), "3 shares no co-author, venue or words");
        var all = EvidenceCeiling.Of([page]).Single(m => m.Dataset == "all");
        Assert.That(all.B3Precision, Is.EqualTo(1));
        Assert.That(all.B3Recall, Is.EqualTo((2 / 3.0 + 2 / 3.0 + 1 / 3.0) / 3).Within(1e-9));
    }

    [Test]
    public void Links_never_cross_gold_identities()
    {
        var page = Page([
            P(1, "Journal of Optics", "Lasers in fibre", "Ann Lee", "Carl Moss"),
            P(2, "Journal of Optics", "Lasers in fibre", "Ann Lee", "Carl Moss"),
        ], "a", "b");
        var groups = EvidenceCeiling.LinkedGroups(page);
        Assert.That(groups[0], Is.Not.EqualTo(groups[1]));
    }
}
