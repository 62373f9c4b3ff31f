using ArrowDisambig.Features;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Model;

public class CeilingTests
{
    private static LabelledPage Page(string name, params string[] gold) =>
        new("d", new ClusterPage($"d--{name}.txt", name, gold.Length,
            gold.Select((_, i) => new Paper(i + 1, "Venue", "", 2000, "", $"Title {i}", [name], "", default)).ToList(), []), gold);

    [Test]
    public void Each_page_gets_its_own_best_cut()
    {
        // Page one needs a cut below 0.4 to join its one person; page two a cut above 0.6 to keep its two apart.
        // No single cut serves both, the ceiling serves each.
        var pages = new Trainer(new TrainOptions()).Featurise([Page("Ann Lee", "a", "a", "a"), Page("Bo Li", "x", "x", "y", "y")], NameFrequencies.Empty, null)
            .Where(p => !ReprintedPages.IsReprint(p.Labelled)).ToList();
        var probs = pages.ToDictionary(p => p, p => p.Pairs.Select(ab => p.Count == 3 ? 0.35f : p.Same[Array.IndexOf(p.Pairs, ab)] ? 0.9f : 0.65f).ToArray());
        var ceiling = Trainer.Ceiling(pages, probs);
        var all = ceiling.Single(m => m.Dataset == "all");
        Assert.That(all.Papers, Is.EqualTo(7));
        Assert.That(all.B3F1, Is.EqualTo(1).Within(1e-9));
    }
}
