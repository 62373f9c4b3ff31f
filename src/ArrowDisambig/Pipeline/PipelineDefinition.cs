using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArrowDisambig.Pipeline;

/// <summary>One stage of a pipeline file with its parameters; parameters a stage does not use are ignored.</summary>
public sealed record StageDefinition
{
    /// <summary>Stage name: parse, names, graph, features, score, cluster, review, export.</summary>
    [JsonPropertyName("stage")] public string Stage { get; init; } = "";
    /// <summary>score: <c>learned</c> (the ML.NET model) or <c>baseline</c> (hand-set co-author and name rules).</summary>
    [JsonPropertyName("scorer")] public string? Scorer { get; init; }
    /// <summary>score: model file, relative to the pipeline file's folder, its parent, or the working folder.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }
    /// <summary>cluster: minimum average affinity to merge two clusters; null takes the model's tuned value.</summary>
    [JsonPropertyName("minAffinity")] public double? MinAffinity { get; init; }
    /// <summary>cluster: run the second stage that joins clusters by their profiles (when the model has one).</summary>
    [JsonPropertyName("profileMerge")] public bool? ProfileMerge { get; init; }
    /// <summary>features: pages up to this many papers score every pair; bigger pages only candidate pairs from inverted indexes.</summary>
    [JsonPropertyName("exhaustiveLimit")] public int? ExhaustiveLimit { get; init; }
    /// <summary>graph: write a Graphviz DOT file of each page's co-author graph.</summary>
    [JsonPropertyName("exportDot")] public bool? ExportDot { get; init; }
    /// <summary>export: how many co-authors and venues to list per identity.</summary>
    [JsonPropertyName("top")] public int? Top { get; init; }
}

/// <summary>A pipeline file: the stages the CLI runs, in order, with their parameters.</summary>
public sealed record PipelineDefinition
{
    /// <summary>The stages every pipeline has, in the only order their inputs allow.</summary>
    public static readonly IReadOnlyList<string> StageOrder = ["parse", "names", "graph", "features", "score", "cluster", "review", "export"];

    [JsonPropertyName("name")] public string Name { get; init; } = "default";
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("stages")] public IReadOnlyList<StageDefinition> Stages { get; init; } = [];

    /// <summary>Where the definition was read from (a path, or <c>embedded:default.json</c>).</summary>
    [JsonIgnore] public string Origin { get; init; } = "";

    /// <summary>The parameters of <paramref name="stage"/>.</summary>
    public StageDefinition Stage(string stage) => Stages.First(s => s.Stage == stage);

    /// <summary>Reads a pipeline file, or the embedded default when <paramref name="path"/> is null.</summary>
    /// <exception cref="PipelineDefinitionException">The file is missing, not JSON, or its stages are wrong.</exception>
    public static PipelineDefinition Load(string? path)
    {
        string json, origin;
        if (path is null)
        {
            using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("ArrowDisambig.pipelines.default.json")
                ?? throw new PipelineDefinitionException("embedded:default.json", "the default pipeline is not embedded in this build");
            json = new StreamReader(s).ReadToEnd();
            origin = "embedded:default.json";
        }
        else
        {
            if (!File.Exists(path)) throw new PipelineDefinitionException(path, "file not found");
            json = File.ReadAllText(path);
            origin = Path.GetFullPath(path);
        }
        PipelineDefinition? def;
        try { def = JsonSerializer.Deserialize(json, PipelineJson.Default.PipelineDefinition); }
        catch (JsonException e) { throw new PipelineDefinitionException(origin, $"not valid JSON at line {e.LineNumber + 1}: {e.Message}"); }
        if (def is null) throw new PipelineDefinitionException(origin, "empty pipeline");
        def = def with { Origin = origin };
        def.Validate();
        return def;
    }

    private void Validate()
    {
        var names = Stages.Select(s => s.Stage).ToList();
        var unknown = names.Where(n => !StageOrder.Contains(n)).ToList();
        if (unknown.Count > 0) throw new PipelineDefinitionException(Origin, $"unknown stage(s) {string.Join(", ", unknown)}; known: {string.Join(", ", StageOrder)}");
        if (!names.SequenceEqual(StageOrder))
            throw new PipelineDefinitionException(Origin, $"stages must be, in this order: {string.Join(", ", StageOrder)} (found {string.Join(", ", names)})");
        var scorer = Stage("score").Scorer ?? "learned";
        if (scorer is not ("learned" or "baseline"))
            throw new PipelineDefinitionException(Origin, $"score.scorer must be 'learned' or 'baseline', not '{scorer}'");
        if (Stage("cluster").MinAffinity is < 0 or > 1)
            throw new PipelineDefinitionException(Origin, "cluster.minAffinity must be between 0 and 1");
    }

    /// <summary>Resolves a file named in the pipeline: next to the pipeline file, its parent folder, then the working folder.</summary>
    public string? Resolve(string? relative)
    {
        if (relative is null) return null;
        if (Path.IsPathRooted(relative)) return relative;
        var candidates = new List<string>();
        if (!Origin.StartsWith("embedded:", StringComparison.Ordinal))
        {
            string dir = Path.GetDirectoryName(Origin)!;
            candidates.Add(Path.Combine(dir, relative));
            candidates.Add(Path.Combine(dir, "..", relative));
        }
        candidates.Add(Path.GetFullPath(relative));
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }
}

/// <summary>A pipeline file that cannot be used.</summary>
public sealed class PipelineDefinitionException(string origin, string problem) : Exception($"{origin}: {problem}");

[JsonSerializable(typeof(PipelineDefinition))]
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
internal sealed partial class PipelineJson : JsonSerializerContext;
