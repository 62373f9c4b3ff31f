using ArrowDisambig.Evaluation;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Performance;

/// <summary>
/// Huge pages are scored on candidate pairs only. Forced onto every dev page (exhaustive limit 0), that
/// candidate generation must stay within 0.005 B³ F1 of scoring every pair (issue 5).
/// </summary>
public class BlockingQualityTests
{
    [TestCase("aminer110_tang")]
    [TestCase("qian_dblp")]
    public void Blocked_candidates_lose_at_most_half_a_point_of_B3_F1(string dataset)
    {
        string data = TestPaths.RequireSharedData();
        var (processor, _) = ScorerFactory.Create(PipelineDefinition.Load(null));
        var errors = new List<string>();
        var pages = LabelledCorpus.ReadArrowFolder(Path.Combine(data, "arrow", dataset), errors);
        Assert.That(pages.Max(p => p.Page.Papers.Count), Is.LessThanOrEqualTo(processor.ExhaustiveLimit), "the default scores every pair here");
        var exhaustive = Evaluator.Evaluate(pages, processor).Overall.Sums.B3.F1;
        // Built as ScorerFactory builds the shipped one (topic space included: it drives the topic sub-blocks and the
        // topic features), so the two runs differ only in which pairs are scored.
        var blockedProcessor = new PageProcessor(processor.Scorer, processor.Clusterer, ArrowDisambig.Features.NameFrequencies.Embedded(),
            ArrowDisambig.Features.TopicSpace.Embedded()) { ExhaustiveLimit = 0 };
        var blocked = Evaluator.Evaluate(pages, blockedProcessor).Overall.Sums.B3.F1;
        TestContext.Out.WriteLine($"{dataset}: B3 F1 exhaustive {exhaustive:0.0000}, blocked {blocked:0.0000}");
        Assert.That(blocked, Is.GreaterThanOrEqualTo(exhaustive - 0.005));
    }
}
