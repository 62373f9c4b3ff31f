using ArrowDisambig.Evaluation;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Evaluation;

public class InitialsOnlyPagesTests
{
    [TestCase("Lei Wang", "L. Wang")]
    [TestCase("sung ho kim", "S. H. kim")]
    [TestCase("  Jimmy   Ba ", "J. Ba")]
    [TestCase("Madonna", "Madonna")]
    public void Cuts_given_names_to_initials(string name, string expected) =>
        Assert.That(InitialsOnlyPages.Initials(name), Is.EqualTo(expected));

    [Test]
    public void Pages_that_share_initials_in_one_data_set_become_one_page_with_the_target_renamed_and_labels_kept()
    {
        var pages = new[]
        {
            Page("qian", "Lei Wang", [["Lei Wang", "Ann Lee"], ["Bo Chen", "LEI WANG"]], ["p1", "p2"]),
            Page("qian", "Li Wang", [["Li Wang"]], ["p3"]),
            Page("qian", "Bo Chen", [["Bo Chen", "Lei Wang"]], ["p4"]),
            Page("aminer", "Lu Wang", [["Lu Wang"]], ["a1"]),
        };
        var made = InitialsOnlyPages.Make(pages);

        Assert.That(made.Select(p => (p.Dataset, p.Page.ClusterName, p.Page.Papers.Count)),
            Is.EqualTo(new[] { ("aminer", "L. Wang", 1), ("qian", "B. Chen", 1), ("qian", "L. Wang", 3) }));
        var wang = made.Single(p => p.Dataset == "qian" && p.Page.ClusterName == "L. Wang");
        Assert.That(wang.Gold, Is.EqualTo(new[] { "p1", "p2", "p3" }));
        Assert.That(wang.Page.Papers.Select(p => p.Index), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(wang.Page.Papers.Select(p => string.Join("; ", p.Authors)),
            Is.EqualTo(new[] { "L. Wang; Ann Lee", "Bo Chen; L. Wang", "L. Wang" }));
        var chen = made.Single(p => p.Page.ClusterName == "B. Chen");
        Assert.That(chen.Page.Papers[0].Authors, Is.EqualTo(new[] { "B. Chen", "Lei Wang" }), "co-authors keep their names");
        Assert.That(made.Sum(p => p.Page.Papers.Count), Is.EqualTo(pages.Sum(p => p.Page.Papers.Count)), "no paper lost");
    }

    private static LabelledPage Page(string dataset, string name, string[][] authors, string[] gold)
    {
        var papers = authors.Select((a, i) => new Paper(i + 1, "Venue", "Conference", 2020, "Conference Paper", $"Title {name} {i}", a, "", default)).ToList();
        return new LabelledPage(dataset, new ClusterPage($"{dataset}--{name}.txt", name, papers.Count, papers, []), gold);
    }
}
