using System.Text.RegularExpressions;
using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

/// <summary>review.html: self-contained, every input text escaped, and what a real browser shows.</summary>
public class ReviewHtmlTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImgAttack = "\"><img src=x onerror=alert(2)>";

    /// <summary>The four-people page plus papers whose titles, co-authors and page name carry markup.</summary>
    private static (string OutDir, RunSummary Summary) RunHostile()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        var hostile = ReviewFixtures.Economist(3, from: 20).Select((p, i) => p with
        {
            Title = $"{Script} {ImgAttack} title {i}",
            Authors = [$"Eve {Script}", ReviewFixtures.Name, "Mallory </svg><script>alert(3)</script>"],
        }).ToList();
        ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", [.. ReviewFixtures.FourPeople(), .. hostile]);
        ReviewFixtures.WritePage(inDir, "x<script>.txt", ReviewFixtures.Chemist(3), clusterName: $"{Script} Ba");
        var def = ReviewFixtures.SplittingPipeline();
        var (processor, model) = ScorerFactory.Create(def);
        var summary = new BatchRunner(processor, def, model).Run([inDir], outDir);
        return (outDir, summary);
    }

    [Test]
    public void Markup_in_names_and_titles_never_survives_unescaped_and_nothing_is_loaded_from_outside()
    {
        var (outDir, summary) = RunHostile();
        Assert.That(summary.PagesProcessed, Is.EqualTo(2));
        string html = File.ReadAllText(Path.Combine(outDir, "review.html"));
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(html, Does.Not.Contain("<img").IgnoreCase);
        Assert.That(html, Does.Not.Contain("</svg><script"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(Regex.IsMatch(html, @"<[a-zA-Z][^>]*\s(src|onerror|onload)\s*="), Is.False, "no element loads or runs anything");
        Assert.That(html, Does.Not.Contain("<link").And.Not.Contain("url("));
        Assert.That(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), Is.All.StartsWith("#"), "only links within the page");
        Assert.That(html, Does.Contain("Content-Security-Policy"));
    }

    [Test]
    public void Big_pages_draw_at_most_the_cap_and_say_so()
    {
        var def = ReviewFixtures.SplittingPipeline();
        var (processor, _) = ScorerFactory.Create(def);
        var papers = ReviewFixtures.Chemist(120).Concat(ReviewFixtures.Botanist(60)).ToList();
        var page = ReviewFixtures.Page(papers);
        var r = processor.Process(page);
        var picture = CoauthorSvg.Draw(r, _ => "#888");
        Assert.That(Regex.Matches(picture.Svg, "<circle").Count + Regex.Matches(picture.Svg, "<rect").Count, Is.EqualTo(CoauthorSvg.MaxNodes));
        Assert.That(picture.Note, Does.Contain($"shows the {CoauthorSvg.MaxNodes} most connected of its"));
        Assert.That(CoauthorSvg.Draw(r, _ => "#888").Svg, Is.EqualTo(picture.Svg), "the layout is deterministic");
    }

    [Test]
    public void A_big_batch_draws_the_riskiest_pages_only_and_says_so()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        for (int i = 0; i < ReviewHtml.MaxPages + 3; i++)
            ReviewFixtures.WritePage(inDir, $"p{i:000}.txt", ReviewFixtures.Chemist(2, from: i % 10));
        var def = ReviewFixtures.SplittingPipeline();
        var (processor, model) = ScorerFactory.Create(def);
        new BatchRunner(processor, def, model).Run([inDir], outDir);
        string html = File.ReadAllText(Path.Combine(outDir, "review.html"));
        Assert.That(Regex.Matches(html, "<section class=\"page\"").Count, Is.EqualTo(ReviewHtml.MaxPages));
        Assert.That(html, Does.Contain($"Showing the {ReviewHtml.MaxPages} pages with the riskiest proposals of {ReviewHtml.MaxPages + 3}"));
        Assert.That(ReviewFixtures.Read<ReviewRow>(Path.Combine(outDir, "review.csv")).Select(r => r.Source).Distinct().Count(), Is.EqualTo(ReviewHtml.MaxPages + 3));
    }

    [Test]
    public void A_headless_browser_shows_every_identity_the_graph_and_no_injected_markup()
    {
        string? chromium = ExternalProcess.FindChromium();
        if (chromium is null)
            Assert.Ignore("chromium is not installed (.ci/run installs Debian's chromium with apt-get; it failed or was skipped here)");
        var (outDir, _) = RunHostile();
        var profiles = ReviewFixtures.Read<IdentityRow>(Path.Combine(outDir, "identities.csv"));
        int papers = File.ReadLines(Path.Combine(outDir, "assignments.csv")).Count() - 1;

        string profileDir = TestPaths.NewTempDir();
        var result = ExternalProcess.Run(chromium!,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profileDir}",
             "--dump-dom", new Uri(Path.Combine(outDir, "review.html")).AbsoluteUri],
            TimeSpan.FromMinutes(2));
        string dom = result.Stdout;
        Assert.That(dom, Does.Contain("</html>"), $"chromium exited {result.ExitCode}: {result.Stderr}");

        // What the browser built from the page: one card per identity, one circle per paper, the counts.
        Assert.That(Regex.Matches(dom, "<article class=\"identity").Count, Is.EqualTo(profiles.Count));
        Assert.That(Regex.Matches(dom, "<circle class=\"paper\"").Count, Is.EqualTo(papers));
        Assert.That(Regex.Matches(dom, "<svg class=\"coauthor-graph\"").Count, Is.EqualTo(2));
        Assert.That(dom, Does.Contain($"Review: 2 pages, {profiles.Count} identities"));
        Assert.That(dom, Does.Contain($"{profiles.Count} proposed, 0 confirmed"));
        foreach (var p in profiles) Assert.That(dom, Does.Contain($">{p.IdentityId}<"), "each identity id is shown");

        // The hostile texts are text in the DOM, never elements.
        Assert.That(dom, Does.Not.Contain("<script").IgnoreCase, "no script element was created");
        Assert.That(dom, Does.Not.Contain("<img").IgnoreCase, "no img element was created");
        Assert.That(dom, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), "the markup is shown as text");
    }
}
