using ArrowDisambig.Clustering;
using ArrowDisambig.Features;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Performance;

/// <summary>
/// The direct tree evaluator reproduces ML.NET's PredictionEngine on the shipped models: on thousands of real
/// feature vectors (most with missing values) and on vectors built to hit both sides of every split and NaN
/// at every node.
/// </summary>
public class TreeEnsembleScorerTests
{
    private const float Tolerance = 1e-5f;

    private static (int Vectors, int WithNaN, int BitIdentical, double MaxDifference) Compare<TRow>(BinaryClassifier<TRow> model, IEnumerable<float[]> vectors)
        where TRow : class, IFeatureRow, new()
    {
        int count = 0, nan = 0, identical = 0;
        double max = 0;
        foreach (var x in vectors)
        {
            float expected = model.EngineScore(x), actual = model.Fast!.Score(x);
            count++;
            if (x.Any(float.IsNaN)) nan++;
            if (BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual)) identical++;
            max = Math.Max(max, Math.Abs(expected - actual));
            Assert.That(actual, Is.EqualTo(expected).Within(Tolerance), $"vector {count}: [{string.Join(", ", x)}]");
        }
        return (count, nan, identical, max);
    }

    private static IEnumerable<float[]> PairVectors(PageFeatureContext page, int max)
    {
        var pairs = PerfFixtures.AllPairs(page.Context.Count).Take(max).ToArray();
        var rows = new float[pairs.Length * PairFeatures.FixedCount];
        PairFeatures.ComputeMany(page, pairs, rows);
        return rows.Chunk(PairFeatures.FixedCount);
    }

    [Test]
    public void The_shipped_models_are_read_by_the_evaluator()
    {
        var model = PerfFixtures.Model;
        Assert.That(model.Pairs.Fast, Is.Not.Null, model.Pairs.FastUnavailableReason);
        Assert.That(model.Merge, Is.Not.Null);
        Assert.That(model.Merge!.Fast, Is.Not.Null, model.Merge.FastUnavailableReason);
        Assert.That(model.Pairs.Fast!.FeatureCount, Is.EqualTo(PairFeatures.FixedCount));
        Assert.That(model.Merge.Fast!.FeatureCount, Is.EqualTo(ClusterPairFeatures.FixedCount));
    }

    [Test]
    public void Pair_model_matches_the_prediction_engine_on_real_feature_vectors()
    {
        var model = PerfFixtures.Model.Pairs;
        var vectors = PairVectors(PerfFixtures.Seed, int.MaxValue).Concat(PairVectors(PerfFixtures.Synthetic, 6000));
        var r = Compare(model, vectors);
        TestContext.Out.WriteLine($"pair model: {r.Vectors} vectors, {r.WithNaN} with NaN, {r.BitIdentical} bit-identical, max |difference| {r.MaxDifference:g3}");
        Assert.That(r.Vectors, Is.GreaterThan(6000));
        Assert.That(r.WithNaN, Is.GreaterThan(1000));
    }

    [Test]
    public void Pair_model_matches_the_prediction_engine_on_every_split_and_on_NaN()
    {
        var model = PerfFixtures.Model.Pairs;
        var r = Compare(model, model.Fast!.CheckVectors(5000, seed: 3));
        TestContext.Out.WriteLine($"pair model, split vectors: {r.Vectors}, {r.WithNaN} with NaN, {r.BitIdentical} bit-identical, max |difference| {r.MaxDifference:g3}");
        Assert.That(r.WithNaN, Is.GreaterThan(r.Vectors * 9 / 10));
        // One feature at a time NaN, the others at a real vector's values: NaN routing at each node on its own.
        var real = PairVectors(PerfFixtures.Synthetic, 200).Where(x => !x.Any(float.IsNaN)).Take(20).ToList();
        if (real.Count == 0) real = PairVectors(PerfFixtures.Synthetic, 200).Take(20).ToList();
        var single = real.SelectMany(x => Enumerable.Range(0, x.Length).Select(f => { var y = (float[])x.Clone(); y[f] = float.NaN; return y; }));
        Compare(model, single);
    }

    [Test]
    public void Merge_model_matches_the_prediction_engine_on_real_and_split_vectors()
    {
        var model = PerfFixtures.Model.Merge!;
        var real = new List<float[]>();
        foreach (var page in new[] { PerfFixtures.Seed, PerfFixtures.Synthetic })
        {
            var affinities = PerfFixtures.Affinities(page);
            var first = Agglomerative.Cluster(page.Context.Count, affinities, PerfFixtures.Model.Card.MinAffinity, Constraints.None);
            real.AddRange(ProfileMerger.InitialCandidates(page, first, affinities).Select(c => c.Features));
        }
        var r = Compare(model, real.Concat(model.Fast!.CheckVectors(3000, seed: 4)));
        TestContext.Out.WriteLine($"merge model: {r.Vectors} vectors, {r.WithNaN} with NaN, {r.BitIdentical} bit-identical, max |difference| {r.MaxDifference:g3}");
        Assert.That(real, Has.Count.GreaterThan(100));
    }

    [Test]
    public void Merge_model_matches_the_prediction_engine_on_the_dev_pages()
    {
        string data = TestPaths.RequireSharedData();
        var model = PerfFixtures.Model;
        var errors = new List<string>();
        var pairVectors = new List<float[]>();
        var mergeVectors = new List<float[]>();
        foreach (var lp in LabelledCorpus.ReadArrowFolder(Path.Combine(data, "arrow", "aminer110_tang"), errors).Take(30))
        {
            var page = PerfFixtures.Build(lp.Page);
            pairVectors.AddRange(PairVectors(page, 300));
            var affinities = PerfFixtures.Affinities(page);
            var first = Agglomerative.Cluster(page.Context.Count, affinities, model.Card.MinAffinity, Constraints.None);
            mergeVectors.AddRange(ProfileMerger.InitialCandidates(page, first, affinities).Select(c => c.Features));
        }
        var p = Compare(model.Pairs, pairVectors);
        var m = Compare(model.Merge!, mergeVectors);
        TestContext.Out.WriteLine($"dev pages: pair model {p.Vectors} vectors ({p.BitIdentical} bit-identical, max {p.MaxDifference:g3}); merge model {m.Vectors} ({m.BitIdentical} bit-identical, max {m.MaxDifference:g3})");
    }

    [Test]
    public void Specialising_to_page_level_values_changes_no_score()
    {
        var model = PerfFixtures.Model;
        var page = PerfFixtures.Synthetic;
        var rows = PairVectors(page, 4000).SelectMany(x => x).ToArray();
        int n = rows.Length / PairFeatures.FixedCount;
        var generic = new float[n];
        var specialised = new float[n];
        model.Pairs.Fast!.Score(rows, n, generic);
        var spec = model.Pairs.Fast.Specialize(PairFeatures.PageLevel, PairFeatures.PageLevelValues(page));
        spec.Score(rows, n, specialised);
        Assert.That(specialised, Is.EqualTo(generic));
        Assert.That(spec.NodeCount, Is.LessThan(model.Pairs.Fast.NodeCount));
        // The batch path of the model (what the pipeline uses) gives the same numbers.
        var viaModel = new float[n];
        model.ScoreVectors(page, rows, n, viaModel);
        Assert.That(viaModel, Is.EqualTo(generic));
    }

    [Test]
    public void A_model_the_evaluator_cannot_read_falls_back_to_the_engine()
    {
        // FastTree puts missing-value transforms in front of the trees: the evaluator must decline it.
        var rng = new Random(1);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var r = new ClusterPairRow { Label = i % 2 == 0 };
            for (int f = 0; f < r.Features.Length; f++) r.Features[f] = rng.NextDouble() < 0.1 ? float.NaN : (float)rng.NextDouble() + (r.Label && f == 2 ? 1 : 0);
            return r;
        }).ToList();
        var model = BinaryClassifier<ClusterPairRow>.Fit(rows, new BoostingOptions("FastTree", 5, 4, 0.2, 5, 1));
        Assert.That(model.Fast, Is.Null);
        Assert.That(model.FastUnavailableReason, Is.Not.Empty);
        foreach (var r in rows.Take(50))
            Assert.That(model.Score(r.Features), Is.EqualTo(model.EngineScore(r.Features)));
    }
}
