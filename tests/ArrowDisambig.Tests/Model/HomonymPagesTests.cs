using ArrowDisambig.Model;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Model;

public class HomonymPagesTests
{
    private static LabelledPage Labelled(string dataset, string name, int papers, string person) =>
        new(dataset, new ClusterPage($"{dataset}--{name}.txt", name, papers,
            Enumerable.Range(1, papers).Select(i => new Paper(i, "Venue", "", 2000 + i, "", $"Title {i}", ["Co Author", name.ToUpperInvariant()], "", default)).ToList(), []),
            Enumerable.Repeat(person, papers).ToList());

    [Test]
    public void A_guest_page_joins_under_the_host_name_as_other_people()
    {
        var host = Labelled("a", "Jimmy Ba", 4, "ba#1");
        var guest = Labelled("b", "Mary Major", 3, "ba#1");
        var mixed = HomonymPages.Mix(host, guest)!;
        Assert.That(mixed.Page.Papers, Has.Count.EqualTo(7));
        Assert.That(mixed.Page.Papers.Select(p => p.Index), Is.EqualTo(Enumerable.Range(1, 7)));
        Assert.That(mixed.Page.Papers.Skip(4).All(p => p.Authors.Contains("Jimmy Ba") && !p.Authors.Contains("MARY MAJOR")), Is.True);
        // Same label text on both sides, yet two people: guests never share an identity with the host.
        Assert.That(mixed.Gold.Distinct().Count(), Is.EqualTo(2));
        Assert.That(HomonymPages.IsSynthetic(mixed), Is.True);
        Assert.That(HomonymPages.Uses(mixed, "b"), Is.True);
        Assert.That(HomonymPages.Uses(mixed, "c"), Is.False);
    }

    [Test]
    public void Pages_mix_only_within_a_fold_and_across_fields_deterministically()
    {
        var pages = Enumerable.Range(0, 12).Select(i => Labelled(i % 3 == 0 ? "medline_x" : i % 3 == 1 ? "b" : "c", $"Name {i}", 3 + i, $"p{i}")).ToList();
        var fold = pages.Select((p, i) => (p, i % 2)).ToDictionary(x => x.p, x => x.Item2);
        var made = HomonymPages.Make(pages, fold, seed: 7);
        Assert.That(made, Is.Not.Empty);
        foreach (var (page, f) in made)
        {
            var host = pages.Single(p => page.Page.Source.StartsWith(p.Page.Source + "+", StringComparison.Ordinal));
            var guest = pages.Single(p => page.Page.Source.EndsWith("+" + p.Page.Source, StringComparison.Ordinal));
            Assert.That(fold[host], Is.EqualTo(f));
            Assert.That(fold[guest], Is.EqualTo(f));
            Assert.That(HomonymPages.Field(guest.Dataset), Is.Not.EqualTo(HomonymPages.Field(host.Dataset)));
        }
        var again = HomonymPages.Make(pages, fold, seed: 7);
        Assert.That(again.Select(x => x.Page.Page.Source), Is.EqualTo(made.Select(x => x.Page.Page.Source)));
    }

    [Test]
    public void A_guest_whose_papers_lack_its_name_is_refused()
    {
        var host = Labelled("a", "Jimmy Ba", 4, "h");
        var guest = Labelled("b", "Mary Major", 3, "g") is var g
            ? g with { Page = g.Page with { Papers = g.Page.Papers.Select(p => p with { Authors = ["Someone Else"] }).ToList() } }
            : null!;
        Assert.That(HomonymPages.Mix(host, guest), Is.Null);
    }
}
