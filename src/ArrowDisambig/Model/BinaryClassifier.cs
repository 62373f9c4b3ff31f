using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using ArrowDisambig.Features;

namespace ArrowDisambig.Model;

/// <summary>A training or scoring row: a feature vector and, for training, its label.</summary>
public interface IFeatureRow
{
    /// <summary>The feature vector.</summary>
    float[] Features { get; set; }
    /// <summary>True for "same person".</summary>
    bool Label { get; set; }
    /// <summary>Training weight (read only when <see cref="BoostingOptions.Weighted"/>).</summary>
    float Weight { get; set; }
}

/// <summary>A pair of papers (<see cref="PairFeatures"/>).</summary>
public sealed class PairRow : IFeatureRow
{
    /// <inheritdoc />
    [VectorType(PairFeatures.FixedCount)] public float[] Features { get; set; } = new float[PairFeatures.FixedCount];
    /// <inheritdoc />
    public bool Label { get; set; }
    /// <inheritdoc />
    public float Weight { get; set; } = 1;
}

/// <summary>A pair of clusters (<see cref="ClusterPairFeatures"/>).</summary>
public sealed class ClusterPairRow : IFeatureRow
{
    /// <inheritdoc />
    [VectorType(ClusterPairFeatures.FixedCount)] public float[] Features { get; set; } = new float[ClusterPairFeatures.FixedCount];
    /// <inheritdoc />
    public bool Label { get; set; }
    /// <inheritdoc />
    public float Weight { get; set; } = 1;
}

/// <summary>What the ML.NET binary classifiers output for a row.</summary>
public sealed class BinaryPrediction
{
    /// <summary>Calibrated probability of the positive class.</summary>
    public float Probability { get; set; }
}

/// <summary>Hyper-parameters shared by the trainers.</summary>
public sealed record BoostingOptions(string Trainer, int Iterations, int Leaves, double LearningRate, int MinLeafCount, int Seed)
{
    /// <summary>LightGbm only: share of the features each tree may use (below 1 keeps any one feature from dominating).</summary>
    public double FeatureFraction { get; init; } = 1;
    /// <summary>Train with each row's <see cref="IFeatureRow.Weight"/>; otherwise every row counts once.</summary>
    public bool Weighted { get; init; }
}

/// <summary>
/// An ML.NET gradient-boosted binary classifier over rows of <typeparamref name="TRow"/>: fitting,
/// batch and single-row scoring, saving and loading. One type for both clustering stages.
/// </summary>
public sealed class BinaryClassifier<TRow> where TRow : class, IFeatureRow, new()
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    // PredictionEngine is not thread-safe: one per thread.
    private readonly ThreadLocal<PredictionEngine<TRow, BinaryPrediction>> _engine;

    private BinaryClassifier(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = new(() => _ml.Model.CreatePredictionEngine<TRow, BinaryPrediction>(_model));
        FeatureCount = new TRow().Features.Length;
        Fast = TreeEnsembleScorer.TryCreate(model, FeatureCount, x => EngineScore(x), out string reason);
        FastUnavailableReason = Fast is null ? reason : null;
    }

    /// <summary>Length of the feature vectors.</summary>
    public int FeatureCount { get; }

    /// <summary>
    /// The direct tree evaluator that <see cref="Score(ReadOnlySpan{float})"/> uses, or null when this model
    /// cannot be read that way (then every row goes through the ML.NET prediction engine).
    /// </summary>
    public TreeEnsembleScorer? Fast { get; }

    /// <summary>Why <see cref="Fast"/> is null; null when it is not.</summary>
    public string? FastUnavailableReason { get; }

    /// <summary>Fits a classifier. FastTree cannot take NaN, so for it missing values become the feature's mean plus a missing-indicator column.</summary>
    public static BinaryClassifier<TRow> Fit(IEnumerable<TRow> rows, BoostingOptions o)
    {
        var ml = new MLContext(seed: o.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        IEstimator<ITransformer> estimator = o.Trainer switch
        {
            "LightGbm" => ml.BinaryClassification.Trainers.LightGbm(LightGbmOptions(o)),
            "FastTree" => ml.Transforms.IndicateMissingValues("Missing", "Features")
                .Append(ml.Transforms.Conversion.ConvertType("MissingF", "Missing", DataKind.Single))
                .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean))
                .Append(ml.Transforms.Concatenate("Features", "Features", "MissingF"))
                .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = o.Iterations,
                    NumberOfLeaves = o.Leaves,
                    LearningRate = o.LearningRate,
                    MinimumExampleCountPerLeaf = o.MinLeafCount,
                    NumberOfThreads = 1,
                    ExampleWeightColumnName = o.Weighted ? nameof(IFeatureRow.Weight) : null,
                })),
            _ => throw new ArgumentException($"unknown trainer '{o.Trainer}': use LightGbm or FastTree"),
        };
        return new BinaryClassifier<TRow>(ml, estimator.Fit(data));
    }

    private static LightGbmBinaryTrainer.Options LightGbmOptions(BoostingOptions o)
    {
        var options = new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = o.Iterations,
            NumberOfLeaves = o.Leaves,
            LearningRate = o.LearningRate,
            MinimumExampleCountPerLeaf = o.MinLeafCount,
            Seed = o.Seed,
            Deterministic = true,
            NumberOfThreads = Environment.ProcessorCount,
            HandleMissingValue = true,
            UseZeroAsMissingValue = false,
            Silent = true,
            ExampleWeightColumnName = o.Weighted ? nameof(IFeatureRow.Weight) : null,
        };
        // Only when asked: the default booster stays exactly as before.
        if (o.FeatureFraction < 1) options.Booster = new GradientBooster.Options { FeatureFraction = o.FeatureFraction };
        return options;
    }

    /// <summary>Probability for one feature vector. Thread-safe.</summary>
    public float Score(ReadOnlySpan<float> features) => Fast?.Score(features) ?? EngineScore(features);

    /// <summary>Probabilities for <paramref name="count"/> vectors stored one after another in <paramref name="rows"/>. Thread-safe.</summary>
    public void Score(ReadOnlySpan<float> rows, int count, Span<float> probabilities)
    {
        if (Fast is not null) { Fast.Score(rows, count, probabilities); return; }
        for (int r = 0; r < count; r++) probabilities[r] = EngineScore(rows.Slice(r * FeatureCount, FeatureCount));
    }

    /// <summary>Probability for one feature vector from ML.NET's prediction engine (the reference for <see cref="Fast"/>). Thread-safe.</summary>
    public float EngineScore(ReadOnlySpan<float> features)
    {
        var row = new TRow();
        features.CopyTo(row.Features);
        var output = new BinaryPrediction();
        _engine.Value!.Predict(row, ref output);
        return output.Probability;
    }

    /// <summary>Probabilities for many rows in one ML.NET pass (training and tuning).</summary>
    public float[] ScoreBatch(IEnumerable<TRow> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows);
        return _model.Transform(data).GetColumn<float>("Probability").ToArray();
    }

    /// <summary>Saves the model as an ML.NET zip.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<TRow>()).Schema, path);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static BinaryClassifier<TRow> Load(Stream zip)
    {
        var ml = new MLContext(seed: 0);
        return new BinaryClassifier<TRow>(ml, ml.Model.Load(zip, out _));
    }
}
