using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Evaluation;

/// <summary>Scores of one data set (or of everything) in an evaluation.</summary>
public sealed record DatasetScore(string Dataset, int Pages, ScoreSums Sums, int GoldIdentities, int PredictedIdentities);

/// <summary>The result of <c>evaluate</c>: per-page rows and per-data-set totals (micro-averaged).</summary>
public sealed record EvaluationReport(IReadOnlyList<EvaluationRow> Pages, IReadOnlyList<DatasetScore> Datasets, DatasetScore Overall, double Seconds);

/// <summary>Runs the pipeline on labelled pages and scores it with B³ and pairwise metrics.</summary>
public static class Evaluator
{
    /// <summary>Processes every page (in parallel) and scores its clustering against the gold labels.</summary>
    public static EvaluationReport Evaluate(IReadOnlyList<LabelledPage> pages, PageProcessor processor)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var rows = new EvaluationRow[pages.Count];
        var sums = new ScoreSums[pages.Count];
        Parallel.For(0, pages.Count, k =>
        {
            var lp = pages[k];
            var result = processor.Process(lp.Page);
            sums[k] = Metrics.Score(result.Assignment.Labels, lp.Gold);
            rows[k] = Row(lp, sums[k], result.Assignment.ClusterCount);
        });
        var datasets = pages.Select((p, k) => (p.Dataset, k)).GroupBy(x => x.Dataset)
            .Select(g => Total(g.Key, g.Select(x => x.k), sums, rows)).OrderBy(d => d.Dataset, StringComparer.Ordinal).ToList();
        var overall = Total("all", Enumerable.Range(0, pages.Count), sums, rows);
        return new EvaluationReport(rows, datasets, overall, sw.Elapsed.TotalSeconds);
    }

    /// <summary>One per-page row.</summary>
    public static EvaluationRow Row(LabelledPage lp, ScoreSums s, int predictedIdentities) => new()
    {
        Dataset = lp.Dataset,
        Source = lp.Page.Source,
        Papers = s.Papers,
        GoldIdentities = lp.Gold.Distinct().Count(),
        PredictedIdentities = predictedIdentities,
        B3Precision = Math.Round(s.B3.Precision, 4),
        B3Recall = Math.Round(s.B3.Recall, 4),
        B3F1 = Math.Round(s.B3.F1, 4),
        PairPrecision = Math.Round(s.Pairwise.Precision, 4),
        PairRecall = Math.Round(s.Pairwise.Recall, 4),
        PairF1 = Math.Round(s.Pairwise.F1, 4),
    };

    private static DatasetScore Total(string name, IEnumerable<int> idx, ScoreSums[] sums, EvaluationRow[] rows)
    {
        var list = idx.ToList();
        var total = list.Aggregate(default(ScoreSums), (a, k) => a + sums[k]);
        return new DatasetScore(name, list.Count, total, list.Sum(k => rows[k].GoldIdentities), list.Sum(k => rows[k].PredictedIdentities));
    }
}
