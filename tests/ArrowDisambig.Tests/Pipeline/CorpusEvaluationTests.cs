using ArrowDisambig.Evaluation;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Pipeline;

/// <summary>Checks on the real labelled corpora; skipped when ../shared/data is absent.</summary>
public class CorpusEvaluationTests
{
    [Test]
    public void Rendered_pages_parse_to_exactly_their_gold_rows()
    {
        string data = TestPaths.RequireSharedData();
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(data, "arrow")))
        {
            var errors = new List<string>();
            var pages = LabelledCorpus.ReadArrowFolder(folder, errors);
            int goldRows = File.ReadAllLines(Path.Combine(folder, "gold.csv")).Length - 1;
            Assert.That(errors, Is.Empty, folder);
            Assert.That(pages.Sum(p => p.Page.Papers.Count), Is.EqualTo(goldRows), folder);
            // Real data has duplicate papers (warned about, kept); nothing else may be off.
            Assert.That(pages.SelectMany(p => p.Page.Warnings).Where(w => !w.Contains("duplicates")), Is.Empty, folder);
        }
    }

    [Test]
    public void Learned_pipeline_beats_the_reference_baselines_on_held_in_corpora()
    {
        string data = TestPaths.RequireSharedData();
        var (processor, _) = ScorerFactory.Create(PipelineDefinition.Load(null));
        var errors = new List<string>();
        var pages = LabelledCorpus.ReadArrowFolder(Path.Combine(data, "arrow", "aminer534k_demo"), errors)
            .Concat(LabelledCorpus.ReadArrowFolder(Path.Combine(data, "arrow", "acl_anthology_2020"), errors)).ToList();
        var report = Evaluator.Evaluate(pages, processor);
        // Exact-name grouping on these pages: one identity per page.
        var exactName = pages.Aggregate(default(ScoreSums), (s, p) => s + Metrics.Score(p.Gold.Select(_ => 0).ToList(), p.Gold));
        Assert.That(report.Overall.Sums.B3.F1, Is.GreaterThan(exactName.B3.F1));
    }
}
