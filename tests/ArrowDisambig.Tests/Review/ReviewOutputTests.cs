using System.Text.RegularExpressions;
using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

public class ReviewOutputTests
{
    private static (RunSummary Summary, string OutDir) RunSeed()
    {
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        string outDir = TestPaths.NewTempDir();
        return (new BatchRunner(processor, def, model).Run([TestPaths.Seed], outDir), outDir);
    }

    [Test]
    public void The_seed_gets_a_complete_review_row_and_profile()
    {
        var (summary, outDir) = RunSeed();
        Assert.That(summary.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(File.ReadLines(Path.Combine(outDir, "review.csv")).First(), Is.EqualTo(
            "source,cluster_name,identity_id,display_name,paper_count,confidence,status,evidence,nearest_identity,nearest_affinity,least_certain_papers,decisions"));
        Assert.That(File.ReadLines(Path.Combine(outDir, "identities.csv")).First(), Is.EqualTo(
            "identity_id,source,cluster_name,display_name,name_variants,paper_count,paper_keys,first_year,last_year,top_venues,top_coauthors,topic_terms,status,confidence"));

        var review = ReviewFixtures.Read<ReviewRow>(Path.Combine(outDir, "review.csv"));
        var ids = ReviewFixtures.Read<IdentityRow>(Path.Combine(outDir, "identities.csv"));
        Assert.That(review, Has.Count.EqualTo(ids.Count));
        var row = review.First(r => r.PaperCount == ids.Max(i => i.PaperCount));
        Assert.That(row.Status, Is.EqualTo(IdentityStatus.Proposed));
        Assert.That(row.Evidence, Does.Match(@"^\d+ papers; \d+ shared co-authors: Roger B\. Grosse \(\d+\)").And.Contain("venues NeurIPS (").And.Contain("topic words "));
        Assert.That(row.LeastCertainPapers.Split(" | "), Has.Length.EqualTo(ReviewQueue.LeastCertainCount));
        Assert.That(row.LeastCertainPapers, Does.Match(@"^paper \d+ [0-9a-f]{16} \(0\.\d\d\) "));

        var profile = ids.Single(i => i.IdentityId == row.IdentityId);
        Assert.That(profile.DisplayName, Is.EqualTo("Jimmy Ba"));
        Assert.That(profile.TopicTerms.Split("; "), Has.Length.EqualTo(5));
        Assert.That(profile.TopCoauthors, Does.StartWith("Roger B. Grosse (7)"));
        Assert.That(profile.PaperKeys.Split(' '), Has.Length.EqualTo(profile.PaperCount));
        Assert.That(profile.FirstYear, Is.EqualTo(2013));
        Assert.That(profile.Status, Is.EqualTo(IdentityStatus.Proposed));
    }

    [Test]
    public void Identities_jsonl_holds_the_same_profiles_with_raw_values()
    {
        var (_, outDir) = RunSeed();
        var csv = ReviewFixtures.Read<IdentityRow>(Path.Combine(outDir, "identities.csv"));
        var json = File.ReadAllLines(Path.Combine(outDir, "identities.jsonl")).Select(l => IdentityJsonl.Parse(l)!).ToList();
        Assert.That(json.Select(j => j.IdentityId), Is.EqualTo(csv.Select(c => c.IdentityId)));
        foreach (var (j, c) in json.Zip(csv))
        {
            Assert.That(j.ToRow().PaperKeys, Is.EqualTo(c.PaperKeys));
            Assert.That(j.ToRow().TopCoauthors, Is.EqualTo(c.TopCoauthors));
            Assert.That(j.PaperKeys, Has.Count.EqualTo(c.PaperCount));
        }
        string line = File.ReadLines(Path.Combine(outDir, "identities.jsonl")).First();
        Assert.That(line, Does.Contain("\"top_coauthors\":[{\"name\":\"Roger B. Grosse\",\"count\":7}"));
        Assert.That(line, Does.Contain("\"status\":\"proposed\""));
    }

    [Test]
    public void Spreadsheet_files_neutralise_formulas_but_the_jsonl_keeps_raw_values()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        var papers = ReviewFixtures.Chemist(3).Select(p => p with { Authors = [p.Authors[0], "=HYPERLINK(\"x\") Ba", p.Authors[2]] }).ToList();
        string page = ReviewFixtures.WritePage(inDir, "p.txt", papers, clusterName: "=HYPERLINK(\"x\") Ba");
        var def = ReviewFixtures.SplittingPipeline();
        var (processor, model) = ScorerFactory.Create(def);
        new BatchRunner(processor, def, model).Run([page], outDir);
        Assert.That(File.ReadAllText(Path.Combine(outDir, "identities.csv")), Does.Not.Contain(",=HYPERLINK").And.Contain("'=HYPERLINK"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "review.csv")), Does.Not.Contain(",=HYPERLINK").And.Contain("'=HYPERLINK"));
        Assert.That(IdentityJsonl.Parse(File.ReadLines(Path.Combine(outDir, "identities.jsonl")).First())!.ClusterName, Is.EqualTo("=HYPERLINK(\"x\") Ba"));
    }

    [Test]
    public void Topic_terms_prefer_words_of_this_identity_over_words_of_the_page()
    {
        var page = ReviewFixtures.Chemist(8).Concat(ReviewFixtures.Botanist(6)).ToList();
        var terms = TopicTerms.Of(page, Enumerable.Range(8, 6).ToList(), 3);
        Assert.That(terms, Has.Count.EqualTo(3));
        Assert.That(terms, Has.None.AnyOf("palladium", "synthesis", "alkaloids"));
    }

    [Test]
    public void The_review_command_prints_the_queue_and_counts_and_run_reports_bad_decisions()
    {
        string outDir = TestPaths.NewTempDir();
        var run = ExternalProcess.Cli("run", TestPaths.Seed, "--output", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var review = ExternalProcess.Cli("review", outDir);
        Assert.That(review.ExitCode, Is.EqualTo(0), review.Stderr);
        string id = ReviewFixtures.Read<ReviewRow>(Path.Combine(outDir, "review.csv"))[0].IdentityId;
        Assert.That(review.Stdout, Does.Contain(id).And.Contain("Awaiting review"));
        Assert.That(Regex.IsMatch(review.Stdout, @"\d+ proposed, 0 confirmed identities on 1 page"), Is.True, review.Stdout);

        string bad = Path.Combine(outDir, "decisions.csv");
        File.WriteAllText(bad, "source,action,identity_ids\njimmy-ba.txt,approve,id-x\n");
        var refused = ExternalProcess.Cli("run", TestPaths.Seed, "--output", outDir, "--decisions", bad);
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(refused.Stderr, Does.Contain("line 2: unknown action 'approve'"));

        File.WriteAllText(bad, $"source,action,identity_ids\njimmy-ba.txt,confirm,{id}\n");
        var confirmed = ExternalProcess.Cli("run", TestPaths.Seed, "--output", outDir, "--decisions", bad);
        Assert.That(confirmed.ExitCode, Is.EqualTo(0), confirmed.Stderr);
        Assert.That(ExternalProcess.Cli("review", outDir).Stdout, Does.Contain("1 confirmed identities"));
        Assert.That(ExternalProcess.Cli("review", Path.Combine(outDir, "nothing-here")).ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }
}
