using ArrowDisambig.Evaluation;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Evaluation;

public class NameFormatPagesTests
{
    [TestCase("Lei Wang", "L. Wang")]
    [TestCase("sung ho kim", "S. H. kim")]
    [TestCase("  Jimmy   Ba ", "J. Ba")]
    [TestCase("Madonna", "Madonna")]
    public void Cuts_given_names_to_initials(string name, string expected) =>
        Assert.That(NameFormatPages.Initials(name), Is.EqualTo(expected));

    [TestCase("Lei Wang", NameFormat.Inverted, "Wang, Lei")]
    [TestCase("Roger B. Grosse", NameFormat.Inverted, "Grosse, Roger B.")]
    [TestCase("Laurens van der Maaten", NameFormat.Inverted, "Van Der Maaten, Laurens")]
    [TestCase("Wei Wang 0001", NameFormat.Inverted, "Wang, Wei")]
    [TestCase("Lei Wang", NameFormat.PubMed, "Wang L")]
    [TestCase("Roger B. Grosse", NameFormat.PubMed, "Grosse RB")]
    [TestCase("Jian-Ping Fan", NameFormat.PubMed, "Fan J")]
    [TestCase("José García-López", NameFormat.PubMed, "Garcialopez J")]
    [TestCase("Madonna", NameFormat.PubMed, "Madonna")]
    [TestCase("Lei Wang", NameFormat.Printed, "Lei Wang")]
    public void Reprints_a_name(string name, NameFormat format, string expected) =>
        Assert.That(NameFormatPages.Reprint(name, format), Is.EqualTo(expected));

    private static readonly string[] Names =
    [
        "Lei Wang", "Roger B. Grosse", "Laurens van der Maaten", "Jimmy Ba", "Sung Ho Kim", "Nando de Freitas",
        "Mohammad Norouzi 0002", "Grosse, Roger", "Sinha AD", "J. Smith", "Jian-Ping Fan", "Andreas M&uuml;ller", "O'Neil Jr., Bob",
    ];

    [Test]
    public void A_reprinted_name_parses_back_to_the_same_person()
    {
        foreach (string name in Names)
        {
            var before = NameParser.Parse(name);
            var inverted = NameParser.Parse(NameFormatPages.Reprint(name, NameFormat.Inverted));
            var pubmed = NameParser.Parse(NameFormatPages.Reprint(name, NameFormat.PubMed));
            Assert.Multiple(() =>
            {
                Assert.That(inverted.FullKey, Is.EqualTo(before.FullKey), $"inverted {name}");
                Assert.That(inverted.Initials, Is.EqualTo(before.Initials), $"inverted {name}");
                Assert.That(pubmed.InitialKey, Is.EqualTo(before.InitialKey), $"pubmed {name}");
                Assert.That(pubmed.Initials, Is.EqualTo(before.Initials), $"pubmed {name}");
                Assert.That(pubmed.IsInitialsOnly || before.Given.Length == 0, Is.True, $"pubmed {name} keeps only initials");
            });
        }
    }

    [Test]
    public void Pages_that_share_initials_in_one_data_set_become_one_page_with_the_target_renamed_and_labels_kept()
    {
        var pages = Sample();
        var made = NameFormatPages.Make(pages, NameFormat.Initials);

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

    [Test]
    public void PubMed_pages_reprint_every_author_and_merge_the_pages_whose_names_collapse()
    {
        var pages = Sample();
        var made = NameFormatPages.Make(pages, NameFormat.PubMed);

        Assert.That(made.Select(p => (p.Dataset, p.Page.ClusterName, p.Page.Papers.Count)),
            Is.EqualTo(new[] { ("aminer", "Wang L", 1), ("qian", "Chen B", 1), ("qian", "Wang L", 3) }));
        var wang = made.Single(p => p.Dataset == "qian" && p.Page.ClusterName == "Wang L");
        Assert.That(wang.Gold, Is.EqualTo(new[] { "p1", "p2", "p3" }));
        Assert.That(wang.Page.Papers.Select(p => string.Join("; ", p.Authors)),
            Is.EqualTo(new[] { "Wang L; Lee A", "Chen B; Wang L", "Wang L" }));
        Assert.That(made.Single(p => p.Page.ClusterName == "Chen B").Page.Papers[0].Authors, Is.EqualTo(new[] { "Chen B", "Wang L" }));
        Assert.That(made.Sum(p => p.Page.Papers.Count), Is.EqualTo(pages.Sum(p => p.Page.Papers.Count)), "no paper lost");
    }

    [Test]
    public void Inverted_pages_keep_every_page_apart()
    {
        var pages = Sample();
        var made = NameFormatPages.Make(pages, NameFormat.Inverted);

        Assert.That(made.Select(p => p.Page.ClusterName), Is.EquivalentTo(new[] { "Wang, Lu", "Chen, Bo", "Wang, Lei", "Wang, Li" }));
        Assert.That(made.Single(p => p.Page.ClusterName == "Wang, Lei").Page.Papers[1].Authors, Is.EqualTo(new[] { "Chen, Bo", "Wang, Lei" }));
    }

    [Test]
    public void Printed_leaves_the_pages_as_they_are()
    {
        var pages = Sample();
        Assert.That(NameFormatPages.Make(pages, NameFormat.Printed), Is.SameAs(pages));
    }

    private static LabelledPage[] Sample() =>
    [
        Page("qian", "Lei Wang", [["Lei Wang", "Ann Lee"], ["Bo Chen", "LEI WANG"]], ["p1", "p2"]),
        Page("qian", "Li Wang", [["Li Wang"]], ["p3"]),
        Page("qian", "Bo Chen", [["Bo Chen", "Lei Wang"]], ["p4"]),
        Page("aminer", "Lu Wang", [["Lu Wang"]], ["a1"]),
    ];

    private static LabelledPage Page(string dataset, string name, string[][] authors, string[] gold)
    {
        var papers = authors.Select((a, i) => new Paper(i + 1, "Venue", "Conference", 2020, "Conference Paper", $"Title {name} {i}", a, "", default)).ToList();
        return new LabelledPage(dataset, new ClusterPage($"{dataset}--{name}.txt", name, papers.Count, papers, []), gold);
    }
}
