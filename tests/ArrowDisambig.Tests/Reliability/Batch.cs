using ArrowDisambig.Export;
using ArrowDisambig.Pipeline;
using CsvHelper;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>Runs the batch job with the shipped pipeline and model, and reads its outputs back.</summary>
internal static class Batch
{
    // Loading the model once keeps the hostile-input tests fast; the runner holds no mutable state.
    private static readonly Lazy<BatchRunner> Runner = new(() =>
    {
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        return new BatchRunner(processor, def, model);
    });

    public static BatchRunner Default => Runner.Value;

    public static RunSummary Run(string outDir, params string[] inputs) => Default.Run(inputs, outDir);

    public static List<AssignmentRow> Assignments(string outDir) => Read<AssignmentRow>(Path.Combine(outDir, "assignments.csv"));

    public static List<IdentityRow> Identities(string outDir) => Read<IdentityRow>(Path.Combine(outDir, "identities.csv"));

    private static List<T> Read<T>(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        return reader.GetRecords<T>().ToList();
    }
}
