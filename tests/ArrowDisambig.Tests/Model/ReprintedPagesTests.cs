using ArrowDisambig.Model;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Model;

public class ReprintedPagesTests
{
    private static LabelledPage Labelled(string dataset, string name, params string[] gold) =>
        new(dataset, new ClusterPage($"{dataset}--{name}.txt", name, gold.Length,
            gold.Select((_, i) => new Paper(i + 1, "Venue", "", 2000 + i, "", $"Title {i}", ["Ann B. Lee", name, "Bo Chen"], "", default)).ToList(), []),
            gold);

    [Test]
    public void Each_page_gets_one_copy_in_its_fold_with_every_name_reprinted_and_its_labels()
    {
        var pages = new[] { Labelled("qian", "Lei Wang", "a", "a", "b"), Labelled("qian", "Li Wang", "c", "d"), Labelled("aminer", "Lei Wang", "e", "e") };
        var fold = new Dictionary<LabelledPage, int> { [pages[0]] = 0, [pages[1]] = 1, [pages[2]] = 3 };
        var made = ReprintedPages.Make(pages, fold);

        Assert.That(made, Has.Count.EqualTo(3), "one copy per page: pages whose names collapse stay apart, each in its own fold");
        Assert.That(made.Select(x => x.Fold), Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(made.Select(x => x.Page.Dataset), Is.EqualTo(new[] { "pubmed:qian", "pubmed:qian", "pubmed:aminer" }));
        Assert.That(made.Select(x => x.Page.Gold), Is.EqualTo(pages.Select(p => p.Gold)));
        var first = made[0].Page;
        Assert.That(first.Page.ClusterName, Is.EqualTo("Wang L"));
        Assert.That(first.Page.Papers.Select(p => p.Index), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(first.Page.Papers[0].Authors, Is.EqualTo(new[] { "Lee AB", "Wang L", "Chen B" }));
        Assert.That(made[1].Page.Page.ClusterName, Is.EqualTo("Wang L"));
    }

    [Test]
    public void Copies_are_told_apart_from_labelled_pages_and_know_their_data_set()
    {
        var page = Labelled("qian_dblp", "Lei Wang", "a", "b");
        var copy = ReprintedPages.Make([page], new Dictionary<LabelledPage, int> { [page] = 2 })[0].Page;
        Assert.That(ReprintedPages.IsReprint(copy), Is.True);
        Assert.That(ReprintedPages.IsReprint(page), Is.False);
        Assert.That(ReprintedPages.Uses(copy, "qian_dblp"), Is.True);
        Assert.That(ReprintedPages.Uses(copy, "qian"), Is.False);
        Assert.That(ReprintedPages.Uses(page, "qian_dblp"), Is.False);
    }
}
