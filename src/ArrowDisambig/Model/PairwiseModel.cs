using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArrowDisambig.Clustering;
using ArrowDisambig.Features;

namespace ArrowDisambig.Model;

/// <summary>What is stored next to the ML.NET models: the cuts and how the models were made.</summary>
public sealed record ModelCard
{
    [JsonPropertyName("trainer")] public string Trainer { get; init; } = "";
    /// <summary>First stage: clusters merge while their average pair probability is at least this.</summary>
    [JsonPropertyName("minAffinity")] public double MinAffinity { get; init; } = 0.5;
    /// <summary>Second stage: clusters join while the merge model's probability is at least this; null when there is no merge model.</summary>
    [JsonPropertyName("minMerge")] public double? MinMerge { get; init; }
    [JsonPropertyName("features")] public IReadOnlyList<string> Features { get; init; } = [];
    [JsonPropertyName("mergeFeatures")] public IReadOnlyList<string> MergeFeatures { get; init; } = [];
    [JsonPropertyName("trainingPages")] public int TrainingPages { get; init; }
    [JsonPropertyName("syntheticPages")] public int SyntheticPages { get; init; }
    [JsonPropertyName("trainingPairs")] public int TrainingPairs { get; init; }
    [JsonPropertyName("trainingClusterPairs")] public int TrainingClusterPairs { get; init; }
    [JsonPropertyName("data")] public IReadOnlyList<string> Data { get; init; } = [];
    [JsonPropertyName("seed")] public int Seed { get; init; }
}

[JsonSerializable(typeof(ModelCard))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class ModelCardJson : JsonSerializerContext;

/// <summary>
/// The learned scorer: the paper-pair classifier (<c>pairwise.zip</c>), the optional cluster-pair merge
/// classifier (<c>merge.zip</c>) and the card with both cuts (<c>pairwise.json</c>). The same type serves
/// <c>train</c>, <c>evaluate</c> and <c>run</c>.
/// </summary>
public sealed class PairwiseModel(BinaryClassifier<PairRow> pairs, BinaryClassifier<ClusterPairRow>? merge, ModelCard card)
    : IPairScorer, IClusterPairScorer, IFeatureVectorScorer
{
    // The pair evaluator specialised to each page's page-level features, built once per page.
    private readonly ConditionalWeakTable<PageFeatureContext, TreeEnsembleScorer> _pairScorerOfPage = new();

    /// <summary>Pairs featurised and scored together: their vectors stay in the L2 cache.</summary>
    private const int Block = 1024;

    /// <summary>How the models were made and where to cut.</summary>
    public ModelCard Card { get; } = card;

    /// <summary>The paper-pair classifier.</summary>
    public BinaryClassifier<PairRow> Pairs { get; } = pairs;

    /// <summary>The cluster-pair classifier, when trained.</summary>
    public BinaryClassifier<ClusterPairRow>? Merge { get; } = merge;

    /// <inheritdoc />
    public string Name => $"learned ({Card.Trainer})";

    /// <summary>The clustering this model was tuned for; <paramref name="minAffinity"/> overrides the first-stage cut.</summary>
    public IIdentityClusterer Clusterer(double? minAffinity = null, bool profileMerge = true) =>
        Merge is not null && profileMerge && Card.MinMerge is double m
            ? new TwoStageClusterer(minAffinity ?? Card.MinAffinity, this, m)
            : new AverageLinkageClusterer(minAffinity ?? Card.MinAffinity);

    /// <inheritdoc />
    public void Score(PageFeatureContext page, IReadOnlyList<(int A, int B)> pairs, Span<float> probabilities)
    {
        const int F = PairFeatures.FixedCount;
        ReadOnlySpan<(int A, int B)> all = pairs is List<(int A, int B)> list ? CollectionsMarshal.AsSpan(list)
            : pairs is (int A, int B)[] array ? array : pairs.ToArray();
        var rows = ArrayPool<float>.Shared.Rent(Math.Min(Block, all.Length) * F);
        try
        {
            for (int start = 0; start < all.Length; start += Block)
            {
                int count = Math.Min(Block, all.Length - start);
                PairFeatures.ComputeMany(page, all.Slice(start, count), rows);
                ScoreVectors(page, rows.AsSpan(0, count * F), count, probabilities.Slice(start, count));
            }
        }
        finally { ArrayPool<float>.Shared.Return(rows); }
    }

    /// <inheritdoc />
    public void ScoreVectors(PageFeatureContext page, ReadOnlySpan<float> rows, int count, Span<float> probabilities)
    {
        if (Pairs.Fast is { } fast)
        {
            // The page-level features are the same for every pair of a page: their splits are decided once.
            var scorer = _pairScorerOfPage.GetValue(page, p => fast.Specialize(PairFeatures.PageLevel, PairFeatures.PageLevelValues(p)));
            scorer.Score(rows, count, probabilities);
        }
        else Pairs.Score(rows, count, probabilities);
    }

    /// <inheritdoc />
    float IClusterPairScorer.Score(ReadOnlySpan<float> features) =>
        Merge?.Score(features) ?? throw new InvalidOperationException("this model has no merge stage");

    /// <inheritdoc />
    IClusterPairScorer IClusterPairScorer.ForPage(PageFeatureContext page)
    {
        if (Merge?.Fast is not { } fast) return this;
        return new SpecialisedMergeScorer(fast.Specialize(ClusterPairFeatures.PageLevel, ClusterPairFeatures.PageLevelValues(page)));
    }

    /// <summary>The merge model's evaluator specialised to one page.</summary>
    private sealed class SpecialisedMergeScorer(TreeEnsembleScorer scorer) : IClusterPairScorer
    {
        public float Score(ReadOnlySpan<float> features) => scorer.Score(features);

        public void Score(ReadOnlySpan<float> rows, int count, Span<float> probabilities) => scorer.Score(rows, count, probabilities);
    }

    /// <summary>Writes <c>pairwise.zip</c>, <c>merge.zip</c> and <c>pairwise.json</c> into <paramref name="folder"/>.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        Pairs.Save(Path.Combine(folder, "pairwise.zip"));
        Merge?.Save(Path.Combine(folder, "merge.zip"));
        File.WriteAllText(Path.Combine(folder, "pairwise.json"), JsonSerializer.Serialize(Card, ModelCardJson.Default.ModelCard) + "\n");
    }

    /// <summary>Loads the models beside <paramref name="pairwiseZip"/>.</summary>
    /// <exception cref="InvalidDataException">The card's feature lists differ from this build's.</exception>
    public static PairwiseModel Load(string pairwiseZip)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(pairwiseZip))!;
        using var zip = File.OpenRead(pairwiseZip);
        using var card = File.OpenRead(Path.ChangeExtension(pairwiseZip, ".json"));
        string mergePath = Path.Combine(dir, "merge.zip");
        using var merge = File.Exists(mergePath) ? File.OpenRead(mergePath) : null;
        return Load(zip, merge, card, pairwiseZip);
    }

    /// <summary>Loads the models shipped inside this build (from <c>models/</c> at build time), or null.</summary>
    public static PairwiseModel? LoadEmbedded()
    {
        var asm = Assembly.GetExecutingAssembly();
        using var zip = asm.GetManifestResourceStream("ArrowDisambig.models.pairwise.zip");
        using var card = asm.GetManifestResourceStream("ArrowDisambig.models.pairwise.json");
        using var merge = asm.GetManifestResourceStream("ArrowDisambig.models.merge.zip");
        return zip is null || card is null ? null : Load(zip, merge, card, "embedded:pairwise.zip");
    }

    private static PairwiseModel Load(Stream zip, Stream? merge, Stream cardStream, string origin)
    {
        var card = JsonSerializer.Deserialize(cardStream, ModelCardJson.Default.ModelCard)
            ?? throw new InvalidDataException($"{origin}: empty model card");
        if (!card.Features.SequenceEqual(PairFeatures.Names))
            throw new InvalidDataException($"{origin}: the model was trained on other features ({card.Features.Count}) than this build computes ({PairFeatures.Count}); retrain with 'arrow-disambig train'");
        if (merge is not null && card.MinMerge is not null && !card.MergeFeatures.SequenceEqual(ClusterPairFeatures.Names))
            throw new InvalidDataException($"{origin}: the merge model was trained on other cluster features; retrain with 'arrow-disambig train'");
        var mergeModel = merge is not null && card.MinMerge is not null ? BinaryClassifier<ClusterPairRow>.Load(merge) : null;
        return new PairwiseModel(BinaryClassifier<PairRow>.Load(zip), mergeModel, card);
    }
}
