using ArrowDisambig.Pipeline;
using ArrowDisambig.Tests.Review;

namespace ArrowDisambig.Tests.Pipeline;

public class ResumeTests
{
    private static BatchRunner Runner(bool resume = true)
    {
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        return new BatchRunner(processor, def, model) { Resume = resume };
    }

    private static string ThreePages()
    {
        string dir = TestPaths.NewTempDir();
        File.Copy(TestPaths.Seed, Path.Combine(dir, "a.txt"));
        ReviewFixtures.WritePage(dir, "b.txt", ReviewFixtures.Chemist(6));
        ReviewFixtures.WritePage(dir, "c.txt", ReviewFixtures.Economist(4));
        return dir;
    }

    [Test]
    public void A_rerun_after_an_interruption_skips_finished_pages_and_writes_the_same_outputs()
    {
        string input = ThreePages();
        string reference = TestPaths.NewTempDir();
        Runner(resume: false).Run([input], reference);

        // An interrupted run: pages a and b were clustered (cached), nothing was written yet.
        string output = TestPaths.NewTempDir();
        string partial = TestPaths.NewTempDir();
        File.Copy(Path.Combine(input, "a.txt"), Path.Combine(partial, "a.txt"));
        File.Copy(Path.Combine(input, "b.txt"), Path.Combine(partial, "b.txt"));
        Runner().Run([partial], output);
        foreach (var f in Directory.GetFiles(output)) File.Delete(f);

        var summary = Runner().Run([input], output);
        Assert.That(summary.PagesResumed, Is.EqualTo(2));
        foreach (var file in new[] { "assignments.csv", "identities.csv", "review.csv" })
            Assert.That(File.ReadAllText(Path.Combine(output, file)), Is.EqualTo(File.ReadAllText(Path.Combine(reference, file))), file);
    }

    [Test]
    public void A_changed_page_is_processed_again_and_unused_entries_are_pruned()
    {
        string input = ThreePages();
        string output = TestPaths.NewTempDir();
        Runner().Run([input], output);
        Assert.That(Directory.GetFiles(Path.Combine(output, ".cache")), Has.Length.EqualTo(3));

        ReviewFixtures.WritePage(input, "c.txt", ReviewFixtures.Economist(5));
        var summary = Runner().Run([input], output);
        Assert.That(summary.PagesResumed, Is.EqualTo(2));
        Assert.That(Directory.GetFiles(Path.Combine(output, ".cache")), Has.Length.EqualTo(3));
    }
}
