using System.Diagnostics;
using System.Runtime.InteropServices;
using ArrowDisambig.Features;
using CsvHelper;
using ArrowDisambig.Export;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Bench;

/// <summary>
/// One measured scenario. Stage columns are summed over pages processed in parallel (within a page, the
/// featurise-and-score pass is split between features and score by their measured shares); <c>total_s</c> is
/// wall time. For the features-only scenario, <c>pairs_per_s</c> is pair features per second on one core.
/// </summary>
[CsvRecord]
public sealed partial class BenchRow
{
    [CsvColumn("scenario")] public string Scenario { get; set; } = "";
    [CsvColumn("pages")] public int Pages { get; set; }
    [CsvColumn("papers")] public int Papers { get; set; }
    [CsvColumn("scored_pairs")] public long Pairs { get; set; }
    [CsvColumn("parse_s")] public double Parse { get; set; }
    [CsvColumn("graph_s")] public double Graph { get; set; }
    [CsvColumn("features_s")] public double Features { get; set; }
    [CsvColumn("score_s")] public double Score { get; set; }
    [CsvColumn("cluster_s")] public double Cluster { get; set; }
    [CsvColumn("write_s")] public double Write { get; set; }
    [CsvColumn("total_s")] public double Total { get; set; }
    [CsvColumn("pairs_per_s")] public double PairsPerSecond { get; set; }
    [CsvColumn("papers_per_s")] public double PapersPerSecond { get; set; }
    [CsvColumn("peak_mib")] public double PeakMiB { get; set; }
    [CsvColumn("target")] public string Target { get; set; } = "";
    [CsvColumn("met")] public bool Met { get; set; }
}

/// <summary>A benchmark scenario: the pages it runs and the target it is held to.</summary>
/// <param name="Name">What <c>--scenario</c> calls it.</param>
/// <param name="Target">The target in words, as the issue states it.</param>
/// <param name="MaxSeconds">Wall time allowed.</param>
/// <param name="MaxMiB">Peak memory allowed.</param>
/// <param name="MinPairsPerSecond">For the features-only scenario: pair features computed per second on one core.</param>
public sealed record BenchScenario(string Name, string Target, double MaxSeconds, double MaxMiB, double MinPairsPerSecond = 0)
{
    /// <summary>S2AND's featurisation speed in its tutorial log: about 24.6K pairs/s on 4 cores.</summary>
    public const double S2AndPairsPerSecond = 24_600;

    /// <summary>The scenarios of the targets.</summary>
    public static IReadOnlyList<BenchScenario> All { get; } =
    [
        new("dev-pages", "all rendered dev pages in ../shared/data/arrow end to end < 15 s", 15, double.MaxValue),
        new("page-10k", "one synthetic 10,000-paper page < 60 s and < 2 GiB peak", 60, 2048),
        new("pages-5000x20", "100,000 papers in 5,000 synthetic pages < 60 s", 60, double.MaxValue),
        new("features-10k", "pair features of the 10,000-paper page's candidate pairs on one core >= 10x S2AND's 24.6K/s on 4 cores",
            double.MaxValue, double.MaxValue, 10 * S2AndPairsPerSecond),
    ];
}

/// <summary>
/// Runs one scenario end to end through the real batch runner (parse, graph, features, scoring,
/// clustering, write) on pages written to a scratch folder, and measures it. Page generation and the
/// copy of dev pages are not timed.
/// </summary>
public static class Benchmark
{
    /// <summary>Seed of every synthetic page set.</summary>
    public const int Seed = 20261127;

    /// <summary>Prepares the scenario's input folder; null when its data is not on this machine.</summary>
    public static string? Prepare(BenchScenario scenario, string scratch, string? sharedData)
    {
        string input = Path.Combine(scratch, "input");
        if (Directory.Exists(input)) Directory.Delete(input, true);
        Directory.CreateDirectory(input);
        switch (scenario.Name)
        {
            case "dev-pages":
                if (sharedData is null || !Directory.Exists(Path.Combine(sharedData, "arrow"))) return null;
                foreach (var dir in Directory.EnumerateDirectories(Path.Combine(sharedData, "arrow")))
                    foreach (var f in Directory.EnumerateFiles(dir, "*.txt"))
                        File.Copy(f, Path.Combine(input, Path.GetFileName(f)));
                break;
            case "page-10k" or "features-10k":
                File.WriteAllText(Path.Combine(input, "synthetic-10k.txt"),
                    SyntheticPages.Render(new SyntheticPageOptions(10_000, 40, Seed), "Wei Wang"));
                break;
            case "pages-5000x20":
                for (int i = 0; i < 5000; i++)
                    File.WriteAllText(Path.Combine(input, $"synthetic-{i:D4}.txt"),
                        SyntheticPages.Render(new SyntheticPageOptions(20, i % 5 == 0 ? 5 : 20, Seed + i), $"Person {i:D4} Name"));
                break;
            default:
                throw new ArgumentException($"unknown scenario {scenario.Name}");
        }
        return input;
    }

    /// <summary>Runs the batch on the prepared input and turns its run summary into a row.</summary>
    public static BenchRow Run(BenchScenario scenario, string input, string output, PageProcessor processor, PipelineDefinition pipeline)
    {
        if (scenario.MinPairsPerSecond > 0) return RunFeatures(scenario, input, processor);
        var summary = new BatchRunner(processor, pipeline, "bench").Run([input], output);
        var ms = summary.StageMilliseconds;
        double S(string k) => Math.Round(ms.GetValueOrDefault(k) / 1000, 3);
        using var self = Process.GetCurrentProcess();
        double peak = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
        return new BenchRow
        {
            Scenario = scenario.Name,
            Pages = summary.PagesProcessed,
            Papers = summary.Papers,
            Pairs = summary.ScoredPairs,
            Parse = S("parse"), Graph = S("graph"), Features = S("features"), Score = S("score"), Cluster = S("cluster"), Write = S("write"),
            Total = summary.Seconds,
            PairsPerSecond = Math.Round(summary.ScoredPairs / Math.Max(summary.Seconds, 1e-9)),
            PapersPerSecond = Math.Round(summary.Papers / Math.Max(summary.Seconds, 1e-9)),
            PeakMiB = peak,
            Target = scenario.Target,
            Met = summary.Seconds < scenario.MaxSeconds && peak < scenario.MaxMiB && summary.PagesFailed == 0,
        };
    }

    /// <summary>
    /// Features only: parses the page(s), then computes the pair features of every candidate pair on the calling
    /// thread (<see cref="PairFeatures.ComputeMany"/>, blocks of 4,096 pairs); the time and pairs/s are of that
    /// pass alone, so pairs/s is per core. Parse, graph and per-page indexes are reported in their columns.
    /// </summary>
    public static BenchRow RunFeatures(BenchScenario scenario, string input, PageProcessor processor)
    {
        const int Block = 4096;
        var total = Stopwatch.StartNew();
        double parse = 0, graph = 0, prepare = 0, features = 0;
        long pairsDone = 0;
        int pages = 0, papers = 0;
        var buffer = new float[Block * PairFeatures.FixedCount];
        foreach (var path in Directory.EnumerateFiles(input, "*.txt").Order(StringComparer.Ordinal))
        {
            var sw = Stopwatch.StartNew();
            var page = Parsing.ArrowPageParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path));
            parse += sw.Elapsed.TotalSeconds; sw.Restart();
            var context = Graph.PageContext.Build(page);
            graph += sw.Elapsed.TotalSeconds; sw.Restart();
            var featureContext = PageFeatureContext.Build(context, NameFrequencies.Embedded());
            var pairs = CandidatePairs.For(featureContext, processor.ExhaustiveLimit, processor.SubBlockSize);
            // Built on first use by the features; not part of the timed pass.
            PairFeatures.ComputeMany(featureContext, CollectionsMarshal.AsSpan(pairs)[..Math.Min(1, pairs.Count)], buffer);
            prepare += sw.Elapsed.TotalSeconds; sw.Restart();
            var all = CollectionsMarshal.AsSpan(pairs);
            for (int start = 0; start < all.Length; start += Block)
                PairFeatures.ComputeMany(featureContext, all.Slice(start, Math.Min(Block, all.Length - start)), buffer);
            features += sw.Elapsed.TotalSeconds;
            pairsDone += pairs.Count;
            pages++;
            papers += page.Papers.Count;
        }
        using var self = Process.GetCurrentProcess();
        double peak = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
        double perSecond = Math.Round(pairsDone / Math.Max(features, 1e-9));
        return new BenchRow
        {
            Scenario = scenario.Name,
            Pages = pages,
            Papers = papers,
            Pairs = pairsDone,
            Parse = Math.Round(parse, 3), Graph = Math.Round(graph, 3), Features = Math.Round(prepare + features, 3),
            Total = Math.Round(total.Elapsed.TotalSeconds, 3),
            PairsPerSecond = perSecond,
            PapersPerSecond = Math.Round(papers / Math.Max(total.Elapsed.TotalSeconds, 1e-9)),
            PeakMiB = peak,
            Target = scenario.Target,
            Met = perSecond >= scenario.MinPairsPerSecond,
        };
    }

    /// <summary>Writes the rows to a CSV.</summary>
    public static void Write(string path, IEnumerable<BenchRow> rows) => OutputFiles.WriteCsv(path, rows, OutputFiles.MachineCsv);

    /// <summary>Reads rows written by <see cref="Write"/>.</summary>
    public static List<BenchRow> Read(string path)
    {
        using var r = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        return r.GetRecords<BenchRow>().ToList();
    }
}
