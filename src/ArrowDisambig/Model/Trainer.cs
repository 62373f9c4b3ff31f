using System.Globalization;
using System.Text;
using ArrowDisambig.Clustering;
using ArrowDisambig.Evaluation;
using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ArrowDisambig.Model;

/// <summary>Settings of <c>train</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>Pairs sampled per page for training (all pairs of smaller pages).</summary>
    public int MaxPairsPerPage { get; init; } = 3000;
    /// <summary>Folds of the by-block cross-validation.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>Seed for sampling and the trainers.</summary>
    public int Seed { get; init; } = 42;
    /// <summary><c>auto</c> compares LightGbm and FastTree and keeps the better; or name one.</summary>
    public string Trainer { get; init; } = "auto";
    /// <summary>Boosting rounds.</summary>
    public int Iterations { get; init; } = 300;
    /// <summary>Reports progress lines.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>One featurised page: its pairs, their features and whether each pair is one person.</summary>
public sealed record FeaturisedPage(LabelledPage Labelled, int Fold, (int A, int B)[] Pairs, float[] Features, bool[] Same)
{
    /// <summary>The features of pair <paramref name="k"/>.</summary>
    public ReadOnlySpan<float> Row(int k) => Features.AsSpan(k * PairFeatures.FixedCount, PairFeatures.FixedCount);
}

/// <summary>Cross-validated metrics of one data set.</summary>
public sealed record FoldMetrics(string Dataset, int Pages, int Papers, double B3Precision, double B3Recall, double B3F1, double PairF1);

/// <summary>What <c>train</c> measured and produced.</summary>
public sealed record TrainReport(
    string Trainer,
    double MinAffinity,
    IReadOnlyDictionary<string, double> CvAuc,
    IReadOnlyDictionary<string, IReadOnlyList<FoldMetrics>> CvByTrainer,
    IReadOnlyList<FoldMetrics> LeaveOneDatasetOut,
    IReadOnlyList<double> FoldCuts,
    int TrainingPages,
    int TrainingPairs,
    double Seconds);

/// <summary>
/// Trains the pairwise model: featurises labelled pages with the same code that predicts, samples pairs,
/// cross-validates by block (no block in both training and testing), tunes the clustering cut for B³ F1,
/// and fits the final model on everything.
/// </summary>
public sealed class Trainer(TrainOptions options)
{
    private static readonly double[] Cuts = Enumerable.Range(1, 19).Select(i => i * 0.05).ToArray();

    /// <summary>Featurises every pair (or every candidate pair of huge pages) of each page, assigning folds by block.</summary>
    public List<FeaturisedPage> Featurise(IReadOnlyList<LabelledPage> pages, NameFrequencies frequencies)
    {
        // Folds are assigned by a hash of the block within each data set, so they are stable and balanced.
        var fold = new Dictionary<LabelledPage, int>();
        foreach (var ds in pages.GroupBy(p => p.Dataset))
        {
            int k = 0;
            foreach (var p in ds.OrderBy(p => StableHash(p.Page.Source + "|" + options.Seed)))
                fold[p] = k++ % options.Folds;
        }
        var result = new FeaturisedPage[pages.Count];
        Parallel.For(0, pages.Count, i =>
        {
            var lp = pages[i];
            var ctx = PageFeatureContext.Build(PageContext.Build(lp.Page), frequencies);
            var pairs = CandidatePairs.For(ctx).ToArray();
            var feats = new float[pairs.Length * PairFeatures.FixedCount];
            var same = new bool[pairs.Length];
            for (int k = 0; k < pairs.Length; k++)
            {
                PairFeatures.Compute(ctx, pairs[k].A, pairs[k].B, feats.AsSpan(k * PairFeatures.FixedCount, PairFeatures.FixedCount));
                same[k] = lp.Gold[pairs[k].A] == lp.Gold[pairs[k].B];
            }
            result[i] = new FeaturisedPage(lp, fold[lp], pairs, feats, same);
        });
        return result.ToList();
    }

    /// <summary>Runs cross-validation, the leave-one-data-set-out runs and the final fit.</summary>
    public (PairwiseModel Model, DataViewSchema Schema, TrainReport Report) Train(List<FeaturisedPage> pages)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        string[] trainers = options.Trainer == "auto" ? ["LightGbm", "FastTree"] : [options.Trainer];
        var cv = new Dictionary<string, IReadOnlyList<FoldMetrics>>();
        var auc = new Dictionary<string, double>();
        var cutsByTrainer = new Dictionary<string, List<double>>();
        foreach (var t in trainers)
        {
            var (metrics, meanAuc, cuts) = CrossValidate(pages, t);
            cv[t] = metrics; auc[t] = meanAuc; cutsByTrainer[t] = cuts;
            Log($"{t}: cross-validated AUC {meanAuc:0.0000}; " + string.Join("; ", metrics.Select(m => $"{m.Dataset} B3 F1 {m.B3F1:0.0000}")));
        }
        // Keep the trainer with the better overall B³ F1 (papers-weighted over data sets).
        string best = trainers.OrderByDescending(t => cv[t].First(m => m.Dataset == "all").B3F1).First();
        var foldCuts = cutsByTrainer[best];

        var lodo = new List<FoldMetrics>();
        foreach (var ds in pages.Select(p => p.Labelled.Dataset).Distinct().Order(StringComparer.Ordinal).ToList())
        {
            var train = pages.Where(p => p.Labelled.Dataset != ds).ToList();
            var test = pages.Where(p => p.Labelled.Dataset == ds).ToList();
            if (train.Count == 0 || test.Count == 0 || test.All(p => p.Labelled.Page.Papers.Count < 2)) continue;
            var model = Fit(train, best);
            double cut = TuneCut(model, train);
            var m = Score(model, test, cut);
            lodo.AddRange(m.Where(x => x.Dataset == ds));
            Log($"leave out {ds}: B3 F1 {m.First(x => x.Dataset == ds).B3F1:0.0000} (cut {cut:0.00})");
        }

        var final = Fit(pages, best);
        var schema = RowSchema(final.Ml);
        double finalCut = Median(foldCuts);
        int pairs = pages.Sum(p => Sample(p).Count);
        var card = new ModelCard
        {
            Trainer = best,
            MinAffinity = finalCut,
            Features = PairFeatures.Names,
            TrainingPages = pages.Count,
            TrainingPairs = pairs,
            Data = pages.Select(p => p.Labelled.Dataset).Distinct().Order(StringComparer.Ordinal).ToList(),
            Seed = options.Seed,
        };
        var report = new TrainReport(best, finalCut, auc, cv, lodo, foldCuts, pages.Count, pairs, sw.Elapsed.TotalSeconds);
        return (new PairwiseModel(final.Ml, final.Transformer, card), schema, report);
    }

    private (List<FoldMetrics> Metrics, double Auc, List<double> Cuts) CrossValidate(List<FeaturisedPage> pages, string trainer)
    {
        var predictions = new Dictionary<FeaturisedPage, float[]>();
        var cuts = new List<double>();
        var aucs = new List<double>();
        for (int f = 0; f < options.Folds; f++)
        {
            var train = pages.Where(p => p.Fold != f).ToList();
            var test = pages.Where(p => p.Fold == f).ToList();
            var model = Fit(train, trainer);
            // The cut is tuned on training blocks only; test blocks are scored once, at that cut.
            double cut = TuneCut(model, train);
            cuts.Add(cut);
            foreach (var p in test) predictions[p] = Predict(model, p);
            aucs.Add(Auc(test, predictions));
            Log($"  {trainer} fold {f + 1}/{options.Folds}: cut {cut:0.00}, AUC {aucs[^1]:0.0000}");
        }
        var sums = pages.ToDictionary(p => p, p => Cluster(p, predictions[p], cuts[p.Fold]));
        return (Summarise(pages, sums), aucs.Average(), cuts);
    }

    private List<FoldMetrics> Score((MLContext Ml, ITransformer Transformer) model, List<FeaturisedPage> test, double cut)
    {
        var sums = test.ToDictionary(p => p, p => Cluster(p, Predict(model, p), cut));
        return Summarise(test, sums);
    }

    private static List<FoldMetrics> Summarise(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, ScoreSums> sums)
    {
        var list = pages.GroupBy(p => p.Labelled.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Metric(g.Key, g.ToList(), sums)).ToList();
        list.Add(Metric("all", pages, sums));
        return list;
    }

    private static FoldMetrics Metric(string name, List<FeaturisedPage> pages, Dictionary<FeaturisedPage, ScoreSums> sums)
    {
        var s = pages.Aggregate(default(ScoreSums), (a, p) => a + sums[p]);
        return new FoldMetrics(name, pages.Count, s.Papers, s.B3.Precision, s.B3.Recall, s.B3.F1, s.Pairwise.F1);
    }

    /// <summary>The cut that maximises micro B³ F1 over the given pages, scored by the model.</summary>
    private double TuneCut((MLContext Ml, ITransformer Transformer) model, List<FeaturisedPage> pages)
    {
        // Tuning on every training page would cost a full scoring pass; a fixed, seeded subset is enough.
        var subset = pages.OrderBy(p => StableHash("tune|" + p.Labelled.Page.Source)).Take(Math.Max(60, pages.Count / 3)).ToList();
        var probs = subset.Select(p => Predict(model, p)).ToList();
        double bestCut = 0.5, bestF1 = -1;
        foreach (var cut in Cuts)
        {
            var total = default(ScoreSums);
            for (int i = 0; i < subset.Count; i++) total += Cluster(subset[i], probs[i], cut);
            if (total.B3.F1 > bestF1 + 1e-9) { bestF1 = total.B3.F1; bestCut = cut; }
        }
        return bestCut;
    }

    private static ScoreSums Cluster(FeaturisedPage p, float[] probs, double cut)
    {
        var aff = new List<Affinity>(probs.Length);
        for (int k = 0; k < probs.Length; k++)
            if (probs[k] >= PageProcessor.KeepAffinity) aff.Add(new Affinity(p.Pairs[k].A, p.Pairs[k].B, probs[k]));
        var a = Agglomerative.Cluster(p.Labelled.Page.Papers.Count, aff, cut, Constraints.None);
        return Metrics.Score(a.Labels, p.Labelled.Gold);
    }

    private static float[] Predict((MLContext Ml, ITransformer Transformer) model, FeaturisedPage p)
    {
        if (p.Pairs.Length == 0) return [];
        var rows = Enumerable.Range(0, p.Pairs.Length).Select(k => new PairRow { Features = p.Row(k).ToArray() });
        var data = model.Ml.Data.LoadFromEnumerable(rows);
        return model.Transformer.Transform(data).GetColumn<float>("Probability").ToArray();
    }

    private static double Auc(List<FeaturisedPage> test, Dictionary<FeaturisedPage, float[]> predictions)
    {
        // Rank-based AUC over all test pairs (Mann-Whitney U).
        var all = test.SelectMany(p => predictions[p].Select((s, k) => (S: s, Y: p.Same[k]))).OrderBy(x => x.S).ToList();
        double pos = all.Count(x => x.Y), neg = all.Count - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        double rankSum = 0;
        for (int i = 0; i < all.Count;)
        {
            int j = i;
            while (j < all.Count && all[j].S == all[i].S) j++;
            double avgRank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) if (all[k].Y) rankSum += avgRank;
            i = j;
        }
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }

    private (MLContext Ml, ITransformer Transformer) Fit(List<FeaturisedPage> pages, string trainer)
    {
        var ml = new MLContext(seed: options.Seed);
        var rows = pages.SelectMany(p => Sample(p).Select(k => new PairRow { Features = p.Row(k).ToArray(), Label = p.Same[k] })).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        IEstimator<ITransformer> estimator = trainer switch
        {
            "LightGbm" => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = options.Iterations,
                NumberOfLeaves = 31,
                LearningRate = 0.05,
                MinimumExampleCountPerLeaf = 20,
                Seed = options.Seed,
                NumberOfThreads = Environment.ProcessorCount,
                Deterministic = true,
                HandleMissingValue = true,
                UseZeroAsMissingValue = false,
                Silent = true,
            }),
            "FastTree" => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = options.Iterations,
                NumberOfLeaves = 31,
                LearningRate = 0.05,
                MinimumExampleCountPerLeaf = 20,
                NumberOfThreads = 1,
            }),
            _ => throw new ArgumentException($"unknown trainer '{trainer}': use LightGbm, FastTree or auto"),
        };
        var model = estimator.Fit(data);
        return (ml, model);
    }

    /// <summary>Persists what <see cref="Fit"/> needs to save: the schema of the training rows.</summary>
    public static DataViewSchema RowSchema(MLContext ml) => ml.Data.LoadFromEnumerable(Array.Empty<PairRow>()).Schema;

    /// <summary>The pair indexes used for training: all, or a seeded sample of <see cref="TrainOptions.MaxPairsPerPage"/>.</summary>
    private List<int> Sample(FeaturisedPage p)
    {
        int n = p.Pairs.Length;
        if (n <= options.MaxPairsPerPage) return Enumerable.Range(0, n).ToList();
        var rng = new Random(options.Seed ^ (int)StableHash(p.Labelled.Page.Source));
        // Keep every positive pair up to half the budget: big pages are mostly negatives.
        var pos = Enumerable.Range(0, n).Where(k => p.Same[k]).OrderBy(_ => rng.Next()).Take(options.MaxPairsPerPage / 2);
        var neg = Enumerable.Range(0, n).Where(k => !p.Same[k]).OrderBy(_ => rng.Next());
        var chosen = pos.ToList();
        chosen.AddRange(neg.Take(options.MaxPairsPerPage - chosen.Count));
        chosen.Sort();
        return chosen;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count == 0 ? 0.5 : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>FNV-1a: stable across runs and platforms, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 16777619; }
        return h;
    }

    private void Log(string line) => options.Log?.Invoke(line);
}
