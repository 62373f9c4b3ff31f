using ArrowDisambig.Collections;
using System.Text;
using ArrowDisambig.Clustering;
using ArrowDisambig.Evaluation;
using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Model;

/// <summary>Settings of <c>train</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>Pairs sampled per page for training (all pairs of smaller pages).</summary>
    public int MaxPairsPerPage { get; init; } = 5000;
    /// <summary>
    /// How a page with more pairs than <see cref="MaxPairsPerPage"/> is sampled: <c>balanced</c> takes positives up to
    /// half the budget; <c>weighted</c> does the same but weights the rows back to the page's own share of positives;
    /// <c>uniform</c> takes a plain seeded sample.
    /// </summary>
    public string PairSampling { get; init; } = "weighted";
    /// <summary>Add synthetic namesake pages (<see cref="HomonymPages"/>) to the training pages of every fit.</summary>
    public bool Homonyms { get; init; }
    /// <summary>
    /// Train every fit on the labelled pages' copies with names as MEDLINE prints them (<see cref="ReprintedPages"/>) too.
    /// The copies are made and scored held out either way.
    /// </summary>
    public bool Reprints { get; init; } = true;
    /// <summary>Folds of the by-block cross-validation.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>Seed for sampling and the trainers.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>
    /// <c>auto</c> compares LightGbm and FastTree by one-stage B³ F1 and keeps the better, LightGbm when they are within
    /// <see cref="Trainer.PreferLightGbmWithin"/>; or name one.
    /// </summary>
    public string Trainer { get; init; } = "auto";
    /// <summary>Boosting rounds of the pair model.</summary>
    public int Iterations { get; init; } = 400;
    /// <summary>Leaves per tree of the pair model.</summary>
    public int Leaves { get; init; } = 31;
    /// <summary>Learning rate of the pair model.</summary>
    public double LearningRate { get; init; } = 0.05;
    /// <summary>Fewest training pairs in a leaf of the pair model.</summary>
    public int MinLeafCount { get; init; } = 20;
    /// <summary>LightGbm pair model: share of the features each tree may use.</summary>
    public double FeatureFraction { get; init; } = 1;
    /// <summary>
    /// Times the merge model is refitted on the cluster pairs it meets while merging (grown clusters included); 0 trains
    /// it on the first-stage clusters only.
    /// </summary>
    public int MergeRounds { get; init; } = 1;
    /// <summary>
    /// With a merge stage, the first stage cuts this far above its best single-stage cut: it proposes purer clusters
    /// and the merge stage restores recall.
    /// </summary>
    public double CutLift { get; init; } = 0.1;
    /// <summary>
    /// Weight each merge-model training row by what the decision is worth in B³ (2ab / (a + b) papers for clusters of a
    /// and b papers), so that joining two big clusters counts for more than joining two single papers.
    /// </summary>
    public bool MergeWeightedByB3 { get; init; }
    /// <summary>Boosting rounds of the merge model.</summary>
    public int MergeIterations { get; init; } = 200;
    /// <summary>Leaves per tree of the merge model.</summary>
    public int MergeLeaves { get; init; } = 15;
    /// <summary>Data sets with at least this many pages get a leave-one-data-set-out run.</summary>
    public int LeaveOutMinPages { get; init; } = 50;
    /// <summary>Reports progress lines.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>One featurised page: its pairs, their features and whether each pair is one person.</summary>
public sealed record FeaturisedPage(LabelledPage Labelled, PageFeatureContext Context, int Fold, (int A, int B)[] Pairs, float[] Features, bool[] Same)
{
    /// <summary>The features of pair <paramref name="k"/>.</summary>
    public ReadOnlySpan<float> Row(int k) => Features.AsSpan(k * PairFeatures.FixedCount, PairFeatures.FixedCount);

    /// <summary>Papers on the page.</summary>
    public int Count => Labelled.Page.Papers.Count;
}

/// <summary>Cross-validated metrics of one data set.</summary>
public sealed record FoldMetrics(string Dataset, int Pages, int Papers, double B3Precision, double B3Recall, double B3F1, double PairF1);

/// <summary>Cross-validated two-stage scores of one held-out page (for error analysis: which pages lose B³, by over-merging or over-splitting).</summary>
public sealed record PageMetrics(string Dataset, string Source, int Papers, int GoldIdentities, double B3Precision, double B3Recall, double B3F1,
    double OneStagePrecision, double OneStageRecall);

/// <summary>What <c>train</c> measured and produced.</summary>
public sealed record TrainReport(
    string Trainer,
    double MinAffinity,
    double? MinMerge,
    IReadOnlyDictionary<string, double> CvAuc,
    IReadOnlyDictionary<string, IReadOnlyList<FoldMetrics>> CvOneStage,
    IReadOnlyList<FoldMetrics> CvTwoStage,
    IReadOnlyList<FoldMetrics> LeaveOneDatasetOut,
    IReadOnlyList<(double Cut, double Merge)> FoldCuts,
    int TrainingPages,
    int TrainingPairs,
    int TrainingClusterPairs,
    double Seconds)
{
    /// <summary>The held-out two-stage scores of every page, worst B³ loss (papers × (1 − F1)) first.</summary>
    public IReadOnlyList<PageMetrics> PerPage { get; init; } = [];
    /// <summary>Synthetic namesake pages added to the training pages (<see cref="HomonymPages"/>).</summary>
    public int SyntheticPages { get; init; }
    /// <summary>
    /// The ceiling of the first stage: the kept trainer's out-of-fold probabilities, each page cut at the cut that is best
    /// for that page by its gold labels (no model can choose so well). What better clustering alone could reach.
    /// </summary>
    public IReadOnlyList<FoldMetrics> CvCeiling { get; init; } = [];
    /// <summary>Calibration of the kept trainer's out-of-fold pair probabilities over every candidate pair of the labelled pages.</summary>
    public Calibration? CvCalibration { get; init; }
    /// <summary>
    /// The held-out two-stage confidence of every labelled paper against whether it was well placed (its identity's
    /// majority is its own person, <see cref="Metrics.WellPlaced"/>): does a low confidence mark the papers to review?
    /// </summary>
    public Calibration? PaperConfidence { get; init; }
    /// <summary>The labelled pages' gold identities cut into the groups that visible links join (<see cref="Model.EvidenceCeiling"/>).</summary>
    public IReadOnlyList<FoldMetrics> EvidenceCeiling { get; init; } = [];
    /// <summary>Copies of the labelled pages with names as MEDLINE prints them (<see cref="Model.ReprintedPages"/>).</summary>
    public int ReprintedPages { get; init; }
    /// <summary>Whether the fits trained on those copies (<see cref="TrainOptions.Reprints"/>).</summary>
    public bool ReprintsTrained { get; init; }
    /// <summary>Held-out two-stage scores of the copies, by original data set.</summary>
    public IReadOnlyList<FoldMetrics> CvReprintedTwoStage { get; init; } = [];
}

/// <summary>
/// Trains the scorer with the code that predicts: featurises labelled pages, fits the pair model with
/// by-block cross-validation (no block in both training and testing), tunes the first-stage cut on
/// out-of-fold predictions, trains the cluster-merge model on out-of-fold clusterings, tunes its cut, and
/// reports held-out B³ for one and two stages before fitting the final models on everything.
/// </summary>
public sealed class Trainer(TrainOptions options)
{
    private static readonly double[] Cuts = Enumerable.Range(2, 17).Select(i => i * 0.05).ToArray();

    /// <summary><c>auto</c> keeps LightGbm unless FastTree's one-stage B³ F1 is higher by more than this (the fold-seed noise).</summary>
    public const double PreferLightGbmWithin = 0.005;

    /// <summary>Featurises every (candidate) pair of each page; folds are assigned by block within each data set.</summary>
    public List<FeaturisedPage> Featurise(IReadOnlyList<LabelledPage> pages, NameFrequencies frequencies, TopicSpace? topics)
    {
        var fold = new Dictionary<LabelledPage, int>();
        foreach (var ds in pages.GroupBy(p => p.Dataset))
        {
            int k = 0;
            foreach (var p in ds.OrderBy(p => StableHash(p.Page.Source + "|" + options.Seed)))
                fold[p] = k++ % options.Folds;
        }
        var synthetic = ReprintedPages.Make(pages, fold);
        if (options.Homonyms) synthetic.AddRange(HomonymPages.Make(pages, fold, options.Seed));
        foreach (var (page, f) in synthetic) fold[page] = f;
        pages = [.. pages, .. synthetic.Select(x => x.Page)];
        var result = new FeaturisedPage[pages.Count];
        Parallel.For(0, pages.Count, i =>
        {
            var lp = pages[i];
            var ctx = PageFeatureContext.Build(PageContext.Build(lp.Page), frequencies, topics);
            var pairs = CandidatePairs.For(ctx).ToArray();
            var feats = new float[pairs.Length * PairFeatures.FixedCount];
            var same = new bool[pairs.Length];
            PairFeatures.ComputeMany(ctx, pairs, feats);
            for (int k = 0; k < pairs.Length; k++) same[k] = lp.Gold[pairs[k].A] == lp.Gold[pairs[k].B];
            result[i] = new FeaturisedPage(lp, ctx, fold[lp], pairs, feats, same);
        });
        return result.ToList();
    }

    /// <summary>Cross-validates, runs the leave-one-data-set-out checks and fits the final models.</summary>
    public (PairwiseModel Model, TrainReport Report) Train(List<FeaturisedPage> pages)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        // Synthetic namesake pages and reprinted copies only ever train (the copies also get their own held-out table);
        // every other score and table is on the labelled pages.
        var real = pages.Where(IsReal).ToList();
        var reprints = pages.Where(p => ReprintedPages.IsReprint(p.Labelled)).ToList();
        // What fits train on: the reprinted copies only when TrainOptions.Reprints, else they only measure.
        var trainable = options.Reprints ? pages : pages.Where(p => !ReprintedPages.IsReprint(p.Labelled)).ToList();
        string[] trainers = options.Trainer == "auto" ? ["LightGbm", "FastTree"] : [options.Trainer];
        var oofByTrainer = new Dictionary<string, Dictionary<FeaturisedPage, float[]>>();
        var oneStage = new Dictionary<string, IReadOnlyList<FoldMetrics>>();
        var oneStageSums = new Dictionary<string, Dictionary<FeaturisedPage, ScoreSums>>();
        var oneStageCuts = new Dictionary<string, double[]>();
        var auc = new Dictionary<string, double>();
        foreach (var t in trainers)
        {
            var oof = OutOfFold(pages, trainable, t);
            oofByTrainer[t] = oof;
            auc[t] = Auc(real, oof);
            // One stage, cut tuned per fold on the other folds' out-of-fold predictions.
            var sums = new Dictionary<FeaturisedPage, ScoreSums>();
            var cuts = oneStageCuts[t] = new double[options.Folds];
            for (int f = 0; f < options.Folds; f++)
            {
                cuts[f] = TuneCut(real.Where(p => p.Fold != f).ToList(), oof);
                foreach (var p in real.Where(p => p.Fold == f)) sums[p] = Metrics.Score(Stage1(p, oof[p], cuts[f]).Assignment.Labels, p.Labelled.Gold);
            }
            oneStage[t] = Summarise(real, sums);
            oneStageSums[t] = sums;
            Log($"{t}: out-of-fold AUC {auc[t]:0.0000}; one stage " + Describe(oneStage[t]));
        }
        // Within the fold-seed noise LightGbm is kept: the direct tree evaluator reads its models, not FastTree's, which
        // would run on ML.NET's slower engine.
        string best = trainers.OrderByDescending(t => oneStage[t].First(m => m.Dataset == "all").B3F1 + (t == "LightGbm" ? PreferLightGbmWithin : 0)).First();
        var oofBest = oofByTrainer[best];
        var ceiling = Ceiling(real, oofBest);
        Log($"{best}: first-stage ceiling (best cut per page, chosen with the gold labels) " + Describe(ceiling));
        var calibration = Calibration.Of(real.SelectMany(p => oofBest[p].Select((x, k) => (x, p.Same[k]))));
        Log($"{best}: out-of-fold calibration over {calibration.Count} pairs: Brier {calibration.Brier:0.0000}, expected calibration error {calibration.ExpectedError:0.0000}");
        var evidence = EvidenceCeiling.Of(real);
        Log("evidence ceiling (gold identities cut where no link shows) " + Describe(evidence));

        // Two stages, cross-validated: the merge model and both cuts come from the other folds only.
        var twoSums = new Dictionary<FeaturisedPage, ScoreSums>();
        var placement = new List<(float Confidence, bool WellPlaced)>();
        var foldCuts = new List<(double, double)>();
        var reprintOne = new Dictionary<FeaturisedPage, ScoreSums>();
        var reprintTwo = new Dictionary<FeaturisedPage, ScoreSums>();
        for (int f = 0; f < options.Folds; f++)
        {
            var others = trainable.Where(p => p.Fold != f).ToList();
            var (merge, cut, mergeCut, _) = FitMerge(others, oofBest);
            foldCuts.Add((cut, mergeCut));
            // The reprinted copies of the held-out pages, clustered as the labelled pages are (one stage at the fold's cut).
            foreach (var p in reprints.Where(p => p.Fold == f))
            {
                reprintOne[p] = Metrics.Score(Stage1(p, oofBest[p], oneStageCuts[best][f]).Assignment.Labels, p.Labelled.Gold);
                reprintTwo[p] = Metrics.Score(TwoStage(p, oofBest[p], cut, merge, mergeCut).Labels, p.Labelled.Gold);
            }
            foreach (var p in real.Where(p => p.Fold == f))
            {
                var assignment = TwoStage(p, oofBest[p], cut, merge, mergeCut);
                twoSums[p] = Metrics.Score(assignment.Labels, p.Labelled.Gold);
                var well = Metrics.WellPlaced(assignment.Labels, p.Labelled.Gold);
                placement.AddRange(assignment.Confidence.Select((c, i) => ((float)c, well[i])));
            }
            Log($"  two-stage fold {f + 1}/{options.Folds}: cut {cut:0.00}, merge cut {mergeCut:0.00}");
        }
        var twoStage = Summarise(real, twoSums);
        Log($"{best}: two stages " + Describe(twoStage));
        var reprinted = (One: Original(Summarise(reprints, reprintOne)), Two: Original(Summarise(reprints, reprintTwo)));
        Log($"{best}: names reprinted as MEDLINE prints them, one stage " + Describe(reprinted.One));
        Log($"{best}: names reprinted as MEDLINE prints them, two stages " + Describe(reprinted.Two));
        bool useMerge = twoStage.First(m => m.Dataset == "all").B3F1 > oneStage[best].First(m => m.Dataset == "all").B3F1;

        var lodo = new List<FoldMetrics>();
        foreach (var ds in real.GroupBy(p => p.Labelled.Dataset).Where(g => g.Count() >= options.LeaveOutMinPages).Select(g => g.Key).Order(StringComparer.Ordinal))
        {
            var train = trainable.Where(p => p.Labelled.Dataset != ds && !HomonymPages.Uses(p.Labelled, ds) && !ReprintedPages.Uses(p.Labelled, ds)).ToList();
            var test = real.Where(p => p.Labelled.Dataset == ds).ToList();
            var model = FitPairs(train, best);
            var probs = Predict(model, test);
            var (merge, cut, mergeCut, _) = FitMerge(train, oofBest);
            double oneCut = TuneCut(train, oofBest);
            var sums = test.ToDictionary(p => p, p => useMerge
                ? Metrics.Score(TwoStage(p, probs[p], cut, merge, mergeCut).Labels, p.Labelled.Gold)
                : Metrics.Score(Stage1(p, probs[p], oneCut).Assignment.Labels, p.Labelled.Gold));
            var m = Summarise(test, sums).First(x => x.Dataset == ds);
            lodo.Add(m);
            Log($"leave out {ds}: B3 F1 {m.B3F1:0.0000}");
        }

        var finalPairs = FitPairs(trainable, best);
        var (finalMerge, finalCut, finalMergeCut, clusterPairs) = FitMerge(trainable, oofBest);
        double finalOneCut = TuneCut(trainable, oofBest);
        var card = new ModelCard
        {
            Trainer = best,
            MinAffinity = useMerge ? finalCut : finalOneCut,
            MinMerge = useMerge ? finalMergeCut : null,
            Features = PairFeatures.Names,
            MergeFeatures = ClusterPairFeatures.Names,
            TrainingPages = real.Count,
            SyntheticPages = trainable.Count - real.Count,
            TrainingPairs = trainable.Sum(p => Sample(p).Count),
            TrainingClusterPairs = clusterPairs,
            Data = real.Select(p => p.Labelled.Dataset).Distinct().Order(StringComparer.Ordinal).ToList(),
            Seed = options.Seed,
        };
        var report = new TrainReport(best, card.MinAffinity, card.MinMerge, auc, oneStage, twoStage, lodo, foldCuts,
            real.Count, card.TrainingPairs, clusterPairs, sw.Elapsed.TotalSeconds) { PerPage = PerPage(real, twoSums, oneStageSums[best]), SyntheticPages = card.SyntheticPages, CvCeiling = ceiling, EvidenceCeiling = evidence, CvCalibration = calibration, PaperConfidence = Calibration.Of(placement),
            ReprintedPages = reprints.Count, ReprintsTrained = options.Reprints, CvReprintedTwoStage = reprinted.Two };
        return (new PairwiseModel(finalPairs, useMerge ? finalMerge : null, card), report);
    }

    /// <summary>Out-of-fold pair probabilities: each page scored by the model trained on the other folds.</summary>
    private Dictionary<FeaturisedPage, float[]> OutOfFold(List<FeaturisedPage> pages, List<FeaturisedPage> trainable, string trainer)
    {
        var oof = new Dictionary<FeaturisedPage, float[]>();
        for (int f = 0; f < options.Folds; f++)
        {
            var model = FitPairs(trainable.Where(p => p.Fold != f).ToList(), trainer);
            foreach (var (p, probs) in Predict(model, pages.Where(p => p.Fold == f).ToList())) oof[p] = probs;
            Log($"  {trainer} fold {f + 1}/{options.Folds} scored");
        }
        return oof;
    }

    /// <summary>
    /// Fits the merge model on the clusters the first stage makes from out-of-fold probabilities (so the
    /// clusters are as impure as at run time), tuning both cuts: the first stage a little above its best
    /// one-stage cut, the merge cut on every page, each scored by a merge model fitted without its third of the
    /// pages (cross-fitting: all pages serve for both fitting and tuning, none is tuned on by a model that saw it).
    /// </summary>
    private (BinaryClassifier<ClusterPairRow> Merge, double Cut, double MergeCut, int Rows) FitMerge(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> oof)
    {
        double cut = Math.Min(0.9, TuneCut(pages, oof) + options.CutLift);
        var runs = new List<MergeRun>();
        for (int part = 0; part < MergeParts; part++)
        {
            var tune = pages.Where(p => StableHash("merge|" + p.Labelled.Page.Source) % MergeParts == part).ToList();
            var (partModel, _) = FitMergeModel(pages.Except(tune).ToList(), oof, cut);
            runs.AddRange(MergeRuns(tune.Where(IsReal).ToList(), oof, cut, partModel));
        }
        double mergeCut = TuneMergeCut(runs);
        var (merge, rows) = FitMergeModel(pages, oof, cut);
        return (merge, cut, mergeCut, rows);
    }

    /// <summary>Parts of the pages for cross-fitting the merge cut.</summary>
    private const int MergeParts = 3;

    /// <summary>The merge model on the first-stage clusters of <paramref name="fit"/>, refitted <see cref="TrainOptions.MergeRounds"/> times.</summary>
    private (BinaryClassifier<ClusterPairRow> Model, int Rows) FitMergeModel(List<FeaturisedPage> fit, Dictionary<FeaturisedPage, float[]> oof, double cut)
    {
        var rows = MergeRows(fit, oof, cut);
        var merge = BinaryClassifier<ClusterPairRow>.Fit(rows, MergeBoosting);
        for (int round = 0; round < options.MergeRounds; round++)
        {
            // Refit on the cluster pairs the merge stage meets while it runs (grown clusters included), as it will at
            // run time. Later rounds add the pairs the refitted model meets to those already collected (as DAgger does).
            var grown = GrownMergeRows(fit, oof, cut, merge);
            rows = round == 0 ? grown : [.. rows, .. grown];
            merge = BinaryClassifier<ClusterPairRow>.Fit(rows, MergeBoosting);
        }
        return (merge, rows.Count);
    }

    private BoostingOptions MergeBoosting => new("LightGbm", options.MergeIterations, options.MergeLeaves, 0.05, 20, options.Seed) { Weighted = options.MergeWeightedByB3 };

    /// <summary>What joining clusters of <paramref name="a"/> and <paramref name="b"/> papers moves B³ by, in papers.</summary>
    private static float DecisionWeight(int a, int b) => 2f * a * b / (a + b);

    /// <summary>Merges of the training runs go down to this probability, past any cut, so the rows include over-grown clusters.</summary>
    public const double GrownMergeFloor = 0.2;

    /// <summary>
    /// Every cluster pair the merge stage scores when <paramref name="merge"/> runs on the pages' first-stage clusters
    /// down to <see cref="GrownMergeFloor"/>, labelled by whether the two clusters' majority identities agree.
    /// </summary>
    private static List<ClusterPairRow> GrownMergeRows(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs, double cut, BinaryClassifier<ClusterPairRow> merge)
    {
        var scorer = new ClassifierScorer(merge);
        var perPage = new List<ClusterPairRow>[pages.Count];
        Parallel.For(0, pages.Count, i =>
        {
            var p = pages[i];
            var (assignment, affinities) = Stage1(p, probs[p], cut);
            var rows = perPage[i] = new List<ClusterPairRow>();
            var gold = p.Labelled.Gold;
            ProfileMerger.VisitScoredPairs(p.Context, assignment, affinities, scorer, GrownMergeFloor, (c, d, x) =>
                rows.Add(new ClusterPairRow { Features = x.ToArray(), Label = Metrics.Majority(c, gold) == Metrics.Majority(d, gold), Weight = DecisionWeight(c.Count, d.Count) }));
        });
        return perPage.SelectMany(r => r).ToList();
    }

    private static List<ClusterPairRow> MergeRows(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs, double cut)
    {
        var perPage = new List<ClusterPairRow>[pages.Count];
        Parallel.For(0, pages.Count, i =>
        {
            var p = pages[i];
            var (assignment, affinities) = Stage1(p, probs[p], cut);
            var majority = Majority(assignment, p.Labelled.Gold);
            var size = new int[assignment.ClusterCount];
            foreach (int c in assignment.Labels) size[c]++;
            perPage[i] = ProfileMerger.InitialCandidates(p.Context, assignment, affinities)
                .Select(x => new ClusterPairRow { Features = x.Features, Label = majority[x.C] == majority[x.D], Weight = DecisionWeight(size[x.C], size[x.D]) }).ToList();
        });
        return perPage.SelectMany(r => r).ToList();
    }

    /// <summary>The <see cref="Metrics.Majority"/> identity of each cluster.</summary>
    private static string[] Majority(ClusterAssignment a, IReadOnlyList<string> gold)
    {
        var members = Enumerable.Range(0, a.ClusterCount).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < a.Labels.Count; i++) members[a.Labels[i]].Add(i);
        return members.Select(m => Metrics.Majority(m, gold)).ToArray();
    }

    /// <summary>A page's first-stage clusters and the merges the merge stage makes on them down to the lowest cut.</summary>
    private sealed record MergeRun(FeaturisedPage Page, ClusterAssignment First, List<(int C, int D, float P)> Sequence);

    private static MergeRun[] MergeRuns(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs, double cut, BinaryClassifier<ClusterPairRow> merge)
    {
        var scorer = new ClassifierScorer(merge);
        var runs = new MergeRun[pages.Count];
        Parallel.For(0, pages.Count, i =>
        {
            var p = pages[i];
            var (first, affinities) = Stage1(p, probs[p], cut);
            runs[i] = new MergeRun(p, first, ProfileMerger.MergeSequence(p.Context, first, affinities, scorer, Cuts[0]));
        });
        return runs;
    }

    /// <summary>The merge cut that maximises micro B³ F1 over the recorded runs.</summary>
    private static double TuneMergeCut(IReadOnlyList<MergeRun> runs)
    {
        double bestCut = 0.5, bestF1 = -1;
        foreach (var t in Cuts)
        {
            var total = default(ScoreSums);
            foreach (var (p, first, seq) in runs) total += Metrics.Score(Replay(first, seq, t), p.Labelled.Gold);
            if (total.B3.F1 > bestF1 + 1e-9) { bestF1 = total.B3.F1; bestCut = t; }
        }
        return bestCut;
    }

    /// <summary>Applies a recorded merge sequence up to its first merge below <paramref name="cut"/>.</summary>
    private static int[] Replay(ClusterAssignment first, List<(int C, int D, float P)> sequence, double cut)
    {
        var uf = new UnionFind(first.ClusterCount);
        foreach (var (c, d, p) in sequence)
        {
            if (p < cut) break;
            uf.Union(c, d);
        }
        return first.Labels.Select(uf.Find).ToArray();
    }

    private static ClusterAssignment TwoStage(FeaturisedPage p, float[] probs, double cut, BinaryClassifier<ClusterPairRow> merge, double mergeCut)
    {
        var (first, affinities) = Stage1(p, probs, cut);
        return ProfileMerger.Merge(p.Context, first, affinities, new ClassifierScorer(merge), mergeCut, Constraints.None);
    }

    private static (ClusterAssignment Assignment, List<Affinity> Affinities) Stage1(FeaturisedPage p, float[] probs, double cut)
    {
        var aff = new List<Affinity>(probs.Length);
        for (int k = 0; k < probs.Length; k++)
            if (probs[k] >= PageProcessor.KeepAffinity) aff.Add(new Affinity(p.Pairs[k].A, p.Pairs[k].B, probs[k]));
        return (Agglomerative.Cluster(p.Count, aff, cut, Constraints.None), aff);
    }

    /// <summary>Whether the page is a labelled one rather than a synthetic namesake page or a reprinted copy.</summary>
    private static bool IsReal(FeaturisedPage p) => !HomonymPages.IsSynthetic(p.Labelled) && !ReprintedPages.IsReprint(p.Labelled);

    /// <summary>B³ with every page cut at its own best cut by its gold labels: an upper bound on what choosing the cut can reach.</summary>
    internal static List<FoldMetrics> Ceiling(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs)
    {
        var scores = ScoresByCut(pages, probs);
        var best = new ScoreSums[pages.Count];
        for (int i = 0; i < pages.Count; i++)
            best[i] = Enumerable.Range(0, Cuts.Length).Select(c => scores[i, c]).MaxBy(s => s.B3.F1);
        return Summarise(pages, best);
    }

    /// <summary>Each page's B³ sums at each of <see cref="Cuts"/>, one stage.</summary>
    private static ScoreSums[,] ScoresByCut(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs)
    {
        var perPage = new ScoreSums[pages.Count, Cuts.Length];
        Parallel.For(0, pages.Count, i =>
        {
            for (int c = 0; c < Cuts.Length; c++)
                perPage[i, c] = Metrics.Score(Stage1(pages[i], probs[pages[i]], Cuts[c]).Assignment.Labels, pages[i].Labelled.Gold);
        });
        return perPage;
    }

    /// <summary>The first-stage cut that maximises micro B³ F1 over the labelled pages.</summary>
    private static double TuneCut(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> probs)
    {
        pages = pages.Where(IsReal).ToList();
        var totals = new ScoreSums[Cuts.Length];
        var perPage = ScoresByCut(pages, probs);
        for (int i = 0; i < pages.Count; i++) for (int c = 0; c < Cuts.Length; c++) totals[c] += perPage[i, c];
        int best = 0;
        for (int c = 1; c < Cuts.Length; c++) if (totals[c].B3.F1 > totals[best].B3.F1 + 1e-9) best = c;
        return Cuts[best];
    }

    private static List<PageMetrics> PerPage(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, ScoreSums> sums, Dictionary<FeaturisedPage, ScoreSums> oneStage) =>
        pages.Select(p => (Page: p, B3: sums[p].B3, One: oneStage[p].B3))
            .Select(x => new PageMetrics(x.Page.Labelled.Dataset, x.Page.Labelled.Page.Source, x.Page.Count,
                x.Page.Labelled.Gold.Distinct().Count(), x.B3.Precision, x.B3.Recall, x.B3.F1, x.One.Precision, x.One.Recall))
            .OrderByDescending(m => m.Papers * (1 - m.B3F1)).ThenBy(m => m.Source, StringComparer.Ordinal).ToList();

    /// <summary>Per data set and overall, from sums aligned with <paramref name="pages"/>.</summary>
    internal static List<FoldMetrics> Summarise(List<FeaturisedPage> pages, ScoreSums[] sums) =>
        Summarise(pages, pages.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => sums[x.i]));

    internal static List<FoldMetrics> Summarise(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, ScoreSums> sums)
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

    /// <summary>Rows of reprinted copies under their original data sets' names.</summary>
    private static List<FoldMetrics> Original(List<FoldMetrics> metrics) =>
        metrics.Select(m => m with { Dataset = ReprintedPages.OriginalDataset(m.Dataset) }).ToList();

    private static string Describe(IEnumerable<FoldMetrics> metrics) =>
        string.Join("; ", metrics.Select(m => $"{m.Dataset} B3 F1 {m.B3F1:0.0000}"));

    /// <summary>Scores every pair of the pages in one ML.NET pass.</summary>
    private static Dictionary<FeaturisedPage, float[]> Predict(BinaryClassifier<PairRow> model, List<FeaturisedPage> pages)
    {
        var rows = pages.SelectMany(p => Enumerable.Range(0, p.Pairs.Length).Select(k => new PairRow { Features = p.Row(k).ToArray() }));
        var all = model.ScoreBatch(rows);
        var result = new Dictionary<FeaturisedPage, float[]>();
        int offset = 0;
        foreach (var p in pages)
        {
            result[p] = all.AsSpan(offset, p.Pairs.Length).ToArray();
            offset += p.Pairs.Length;
        }
        return result;
    }

    /// <summary>Rank-based AUC (Mann-Whitney U) over every pair of every page.</summary>
    private static double Auc(List<FeaturisedPage> pages, Dictionary<FeaturisedPage, float[]> predictions)
    {
        var all = pages.SelectMany(p => predictions[p].Select((s, k) => (S: s, Y: p.Same[k]))).OrderBy(x => x.S).ToList();
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

    private BinaryClassifier<PairRow> FitPairs(List<FeaturisedPage> pages, string trainer)
    {
        var rows = pages.SelectMany(p =>
        {
            var chosen = Sample(p);
            var (wPos, wNeg) = ClassWeights(p.Same, chosen);
            return chosen.Select(k => new PairRow { Features = p.Row(k).ToArray(), Label = p.Same[k], Weight = p.Same[k] ? wPos : wNeg });
        });
        return BinaryClassifier<PairRow>.Fit(rows, new BoostingOptions(trainer, options.Iterations, options.Leaves, options.LearningRate, options.MinLeafCount, options.Seed)
            { FeatureFraction = options.FeatureFraction, Weighted = options.PairSampling == "weighted" });
    }

    /// <summary>
    /// Row weights that give the sampled positives and negatives the page's own shares of its pairs while the page keeps
    /// the weight of its sample: a balanced sample of a big page otherwise teaches the model that big pages are half
    /// "same person", and it over-merges them.
    /// </summary>
    internal static (float Positive, float Negative) ClassWeights(bool[] same, IReadOnlyList<int> chosen)
    {
        int allPos = same.Count(s => s), all = same.Length;
        int pos = chosen.Count(k => same[k]), neg = chosen.Count - pos;
        if (pos == 0 || neg == 0) return (1, 1);
        return ((float)((double)allPos / all * chosen.Count / pos), (float)((double)(all - allPos) / all * chosen.Count / neg));
    }

    /// <summary>The pair indexes used for training: all, or a seeded sample of <see cref="TrainOptions.MaxPairsPerPage"/>.</summary>
    private List<int> Sample(FeaturisedPage p)
    {
        int n = p.Pairs.Length;
        if (n <= options.MaxPairsPerPage) return Enumerable.Range(0, n).ToList();
        var rng = new Random(options.Seed ^ (int)StableHash(p.Labelled.Page.Source));
        List<int> chosen;
        if (options.PairSampling == "uniform")
            chosen = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(options.MaxPairsPerPage).ToList();
        else
        {
            // Positives up to half the budget: big pages are mostly negatives.
            chosen = Enumerable.Range(0, n).Where(k => p.Same[k]).OrderBy(_ => rng.Next()).Take(options.MaxPairsPerPage / 2).ToList();
            chosen.AddRange(Enumerable.Range(0, n).Where(k => !p.Same[k]).OrderBy(_ => rng.Next()).Take(options.MaxPairsPerPage - chosen.Count));
        }
        chosen.Sort();
        return chosen;
    }

    /// <summary>FNV-1a: stable across runs and platforms, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 16777619; }
        return h;
    }

    private void Log(string line) => options.Log?.Invoke(line);

    private sealed class ClassifierScorer(BinaryClassifier<ClusterPairRow> model) : IClusterPairScorer
    {
        public float Score(ReadOnlySpan<float> features) => model.Score(features);
    }
}
