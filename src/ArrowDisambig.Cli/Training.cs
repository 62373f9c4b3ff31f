using System.Text;
using ArrowDisambig.Export;
using ArrowDisambig.Features;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Cli;

/// <summary>The <c>train</c> command: data loading, the trainer, and writing the model, its tables and its card.</summary>
internal static class Training
{
    /// <summary>Data sets used for training, by where they are read from (see models/MODEL.md for why).</summary>
    private static readonly string[] ArrowFolders = ["aminer110_tang", "qian_dblp", "acl_anthology_2020", "aminer534k_demo"];
    private static readonly string[] PairCorpora = ["medline_vishnyakova_pairs"];

    public static int Run(string dataDir, string outputDir, TrainOptions options)
    {
        var errors = new List<string>();
        if (!Directory.Exists(Path.Combine(dataDir, "arrow")) || !Directory.Exists(Path.Combine(dataDir, "norm")))
        {
            Console.Error.WriteLine($"error: {dataDir}: expected the labelled data folder with arrow/ and norm/ (see ../shared/data/README.md)");
            return ExitCodes.UsageError;
        }
        // Name frequencies and the topic space come from every corpus (no labels are used for either).
        var corpusPages = Directory.EnumerateFiles(Path.Combine(dataDir, "norm"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(f => LabelledCorpus.ReadJsonl(f, errors)).ToList();
        var frequencies = NameFrequencies.Count(corpusPages
            .SelectMany(lp => lp.Page.Papers.Select(p => ((IReadOnlyList<string>)p.Authors, p.Authors.ToList().IndexOf(lp.Page.ClusterName)))));
        Directory.CreateDirectory(outputDir);
        using (var w = new StreamWriter(Path.Combine(outputDir, "name-frequencies.tsv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
            frequencies.Write(w);
        var topics = TopicSpace.Build(corpusPages.SelectMany(lp => lp.Page.Papers).Select(p => p.Title + " " + p.Abstract)
            .Where(t => !string.IsNullOrWhiteSpace(t)), seed: options.Seed);
        using (var f = File.Create(Path.Combine(outputDir, "topics.bin"))) topics.Write(f);
        Console.WriteLine($"topic space: {topics.VocabularySize} words x {topics.Dimensions} dimensions");

        var pages = new List<LabelledPage>();
        foreach (var name in ArrowFolders)
        {
            string dir = Path.Combine(dataDir, "arrow", name);
            if (Directory.Exists(dir)) pages.AddRange(LabelledCorpus.ReadArrowFolder(dir, errors));
        }
        foreach (var name in PairCorpora)
        {
            string file = Path.Combine(dataDir, "norm", name + ".jsonl");
            if (File.Exists(file)) pages.AddRange(LabelledCorpus.ReadJsonl(file, errors).Where(p => p.Page.Papers.Count >= 2));
        }
        foreach (var e in errors.Take(20)) Console.Error.WriteLine($"warning: {e}");
        Console.WriteLine($"{pages.Count} labelled pages, {pages.Sum(p => p.Page.Papers.Count)} papers; featurising...");

        var trainer = new Trainer(options);
        var featurised = trainer.Featurise(pages, frequencies, topics);
        Console.WriteLine($"{featurised.Sum(p => p.Pairs.Length)} pairs featurised; training...");
        var (model, report) = trainer.Train(featurised);
        model.Save(outputDir);
        string zip = Path.Combine(outputDir, "pairwise.zip");
        if (model.Merge is null && File.Exists(Path.Combine(outputDir, "merge.zip"))) File.Delete(Path.Combine(outputDir, "merge.zip"));
        WritePerPage(Path.Combine(outputDir, "cv-pages.csv"), report.PerPage);
        File.WriteAllText(Path.Combine(outputDir, "MODEL.md"), ModelCardMarkdown.Render(report, options), new UTF8Encoding(false));
        Console.WriteLine($"Model written to {Path.GetFullPath(zip)} ({report.Trainer}, min affinity {report.MinAffinity:0.00}, merge cut {report.MinMerge?.ToString("0.00") ?? "none"}) in {report.Seconds:0} s");
        return ExitCodes.Ok;
    }

    /// <summary>Writes the held-out scores per page (worst first), for error analysis; not embedded in the tool.</summary>
    private static void WritePerPage(string path, IReadOnlyList<PageMetrics> pages) =>
        OutputFiles.WriteCsv(path, pages.Select(m => new CrossValidatedPageRow
        {
            Dataset = m.Dataset, Source = Path.GetFileName(m.Source), Papers = m.Papers, GoldIdentities = m.GoldIdentities,
            B3Precision = Math.Round(m.B3Precision, 4), B3Recall = Math.Round(m.B3Recall, 4), B3F1 = Math.Round(m.B3F1, 4),
            OneStagePrecision = Math.Round(m.OneStagePrecision, 4), OneStageRecall = Math.Round(m.OneStageRecall, 4),
        }), OutputFiles.MachineCsv);
}
