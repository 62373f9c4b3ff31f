using ArrowDisambig.Evaluation;
using ArrowDisambig.Model;

namespace ArrowDisambig.Tests.Model;

public class ModelCardMarkdownTests
{
    private static TrainReport Report(Calibration? pairs, Calibration? papers)
    {
        FoldMetrics[] m = [new("d", 1, 2, 1, 1, 1, 1), new("all", 1, 2, 1, 1, 1, 1)];
        var stages = new Dictionary<string, IReadOnlyList<FoldMetrics>> { ["LightGbm"] = m };
        return new TrainReport("LightGbm", 0.45, 0.45, new Dictionary<string, double> { ["LightGbm"] = 0.93 }, stages, m, m, [(0.45, 0.45)], 1, 1, 0, 1)
            { CvCalibration = pairs, PaperConfidence = papers, CvCeiling = m, EvidenceCeiling = m };
    }

    [Test]
    public void The_card_shows_both_reliability_tables_and_both_ceilings()
    {
        var pairs = Calibration.Of([(0.95f, true), (0.05f, false), (0.35f, true)]);
        var papers = Calibration.Of([(0.92f, true), (0.55f, false)]);
        var md = ModelCardMarkdown.Render(Report(pairs, papers), new TrainOptions());
        Assert.That(md, Does.Contain("**Calibration of the pair probabilities**"));
        Assert.That(md, Does.Contain("| probability | pairs | mean probability | same person |"));
        Assert.That(md, Does.Contain("| 0.3–0.4 | 1 | 0.350 | 1.000 |"));
        Assert.That(md, Does.Contain("| confidence | papers | mean confidence | well placed |"));
        Assert.That(md, Does.Contain("| 0.5–0.6 | 1 | 0.550 | 0.000 |"));
        Assert.That(md, Does.Contain("**Ceiling of the first stage**"));
        Assert.That(md, Does.Contain("**Ceiling of the evidence**"));
    }

    [Test]
    public void Without_measurements_the_sections_are_left_out()
    {
        var md = ModelCardMarkdown.Render(Report(null, null), new TrainOptions());
        Assert.That(md, Does.Not.Contain("Calibration of the pair probabilities"));
        Assert.That(md, Does.Not.Contain("Paper confidence"));
        Assert.That(md, Does.Not.Contain("Names as MEDLINE prints them"));
    }

    [Test]
    public void The_card_says_when_LightGbm_was_kept_within_the_noise()
    {
        FoldMetrics[] light = [new("all", 1, 2, 1, 1, 0.8896, 1)], fast = [new("all", 1, 2, 1, 1, 0.8912, 1)];
        var report = Report(null, null) with
        {
            CvOneStage = new Dictionary<string, IReadOnlyList<FoldMetrics>> { ["LightGbm"] = light, ["FastTree"] = fast },
            CvAuc = new Dictionary<string, double> { ["LightGbm"] = 0.93, ["FastTree"] = 0.92 },
        };
        Assert.That(ModelCardMarkdown.Render(report, new TrainOptions()), Does.Contain("LightGbm is kept although FastTree's one-stage B³ F1 is higher by 0.0016"));
        report = report with { CvOneStage = new Dictionary<string, IReadOnlyList<FoldMetrics>> { ["LightGbm"] = fast, ["FastTree"] = light } };
        Assert.That(ModelCardMarkdown.Render(report, new TrainOptions()), Does.Not.Contain("is kept although"));
    }

    [Test]
    public void Reprinted_pages_get_their_table_and_say_whether_they_trained()
    {
        FoldMetrics[] m = [new("qian_dblp", 3, 30, 0.9, 0.8, 0.8471, 0.8), new("all", 3, 30, 0.9, 0.8, 0.8471, 0.8)];
        var report = Report(null, null) with { ReprintedPages = 3, ReprintsTrained = true, SyntheticPages = 3, CvReprintedTwoStage = m };
        var md = ModelCardMarkdown.Render(report, new TrainOptions());
        Assert.That(md, Does.Contain("**Names as MEDLINE prints them**"));
        Assert.That(md, Does.Contain("| qian_dblp | 3 | 30 | 0.9000 | 0.8000 | 0.8471 | 0.8000 |"));
        Assert.That(md, Does.Contain("which trained on the other folds' copies"));
        Assert.That(md, Does.Contain("reprinted as MEDLINE prints it"), "the data section lists the copies");
        Assert.That(md, Does.Not.Contain("synthetic namesake pages"), "the copies are not namesake pages");

        md = ModelCardMarkdown.Render(report with { ReprintsTrained = false, SyntheticPages = 0 }, new TrainOptions { Reprints = false });
        Assert.That(md, Does.Contain("which never saw such copies"));
        Assert.That(md, Does.Not.Contain("reprinted as MEDLINE prints it"));
    }
}
