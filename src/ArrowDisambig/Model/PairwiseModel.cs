using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArrowDisambig.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArrowDisambig.Model;

/// <summary>One training or scoring row: a pair's feature vector and, for training, whether it is one person.</summary>
public sealed class PairRow
{
    /// <summary>The <see cref="PairFeatures"/> vector.</summary>
    [VectorType(PairFeatures.FixedCount)] public float[] Features { get; set; } = new float[PairFeatures.FixedCount];
    /// <summary>True when both papers are by the same person.</summary>
    public bool Label { get; set; }
    /// <summary>Training weight (pages are balanced so huge pages do not dominate).</summary>
    public float Weight { get; set; } = 1;
}

/// <summary>What the ML.NET binary classifier outputs for a row.</summary>
public sealed class PairPrediction
{
    /// <summary>Calibrated probability of "same person".</summary>
    public float Probability { get; set; }
}

/// <summary>What is stored next to the ML.NET model: the clustering cut and how the model was made.</summary>
public sealed record ModelCard
{
    [JsonPropertyName("trainer")] public string Trainer { get; init; } = "";
    [JsonPropertyName("minAffinity")] public double MinAffinity { get; init; } = 0.5;
    [JsonPropertyName("features")] public IReadOnlyList<string> Features { get; init; } = [];
    [JsonPropertyName("trainingPages")] public int TrainingPages { get; init; }
    [JsonPropertyName("trainingPairs")] public int TrainingPairs { get; init; }
    [JsonPropertyName("data")] public IReadOnlyList<string> Data { get; init; } = [];
    [JsonPropertyName("seed")] public int Seed { get; init; }
}

[JsonSerializable(typeof(ModelCard))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class ModelCardJson : JsonSerializerContext;

/// <summary>
/// The learned pairwise scorer: an ML.NET LightGbm (or FastTree) binary classifier over <see cref="PairFeatures"/>,
/// plus its <see cref="ModelCard"/>. The same type is used by <c>train</c>, <c>evaluate</c> and <c>run</c>.
/// </summary>
public sealed class PairwiseModel : IPairScorer
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    // PredictionEngine is not thread-safe: one per thread.
    private readonly ThreadLocal<PredictionEngine<PairRow, PairPrediction>> _engine;

    /// <summary>Wraps a trained transformer.</summary>
    public PairwiseModel(MLContext ml, ITransformer model, ModelCard card)
    {
        _ml = ml;
        _model = model;
        Card = card;
        _engine = new(() => _ml.Model.CreatePredictionEngine<PairRow, PairPrediction>(_model));
    }

    /// <summary>How the model was made and where to cut.</summary>
    public ModelCard Card { get; }

    /// <inheritdoc />
    public string Name => $"learned ({Card.Trainer})";

    /// <inheritdoc />
    public double MinAffinity => Card.MinAffinity;

    /// <summary>The same model cut at another affinity.</summary>
    public PairwiseModel WithMinAffinity(double minAffinity) => new(_ml, _model, Card with { MinAffinity = minAffinity });

    /// <inheritdoc />
    public void Score(PageFeatureContext page, IReadOnlyList<(int A, int B)> pairs, Span<float> probabilities)
    {
        var engine = _engine.Value!;
        var row = new PairRow();
        var output = new PairPrediction();
        for (int k = 0; k < pairs.Count; k++)
        {
            PairFeatures.Compute(page, pairs[k].A, pairs[k].B, row.Features);
            engine.Predict(row, ref output);
            probabilities[k] = output.Probability;
        }
    }

    /// <summary>Scores precomputed feature rows in one batch (training and tuning).</summary>
    public float[] ScoreRows(IEnumerable<PairRow> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows);
        return _model.Transform(data).GetColumn<float>("Probability").ToArray();
    }

    /// <summary>Writes <c>pairwise.zip</c> and <c>pairwise.json</c> to <paramref name="zipPath"/> and beside it.</summary>
    public void Save(string zipPath, DataViewSchema schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        _ml.Model.Save(_model, schema, zipPath);
        File.WriteAllText(Path.ChangeExtension(zipPath, ".json"), JsonSerializer.Serialize(Card, ModelCardJson.Default.ModelCard) + "\n");
    }

    /// <summary>Loads a model and its card from files.</summary>
    /// <exception cref="InvalidDataException">The card's feature list differs from this build's.</exception>
    public static PairwiseModel Load(string zipPath)
    {
        using var zip = File.OpenRead(zipPath);
        using var card = File.OpenRead(Path.ChangeExtension(zipPath, ".json"));
        return Load(zip, card, zipPath);
    }

    /// <summary>Loads the model shipped inside this build (<c>models/pairwise.zip</c> at build time), or null.</summary>
    public static PairwiseModel? LoadEmbedded()
    {
        var asm = Assembly.GetExecutingAssembly();
        using var zip = asm.GetManifestResourceStream("ArrowDisambig.models.pairwise.zip");
        using var card = asm.GetManifestResourceStream("ArrowDisambig.models.pairwise.json");
        return zip is null || card is null ? null : Load(zip, card, "embedded:pairwise.zip");
    }

    private static PairwiseModel Load(Stream zip, Stream cardStream, string origin)
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(zip, out _);
        var card = JsonSerializer.Deserialize(cardStream, ModelCardJson.Default.ModelCard)
            ?? throw new InvalidDataException($"{origin}: empty model card");
        if (!card.Features.SequenceEqual(PairFeatures.Names))
            throw new InvalidDataException($"{origin}: the model was trained on other features ({card.Features.Count}) than this build computes ({PairFeatures.Count}); retrain with 'arrow-disambig train'");
        return new PairwiseModel(ml, model, card);
    }
}
