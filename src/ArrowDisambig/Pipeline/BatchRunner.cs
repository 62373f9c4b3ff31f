using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Review;

namespace ArrowDisambig.Pipeline;

/// <summary>An input that could not be processed, with the reason (file and line where known).</summary>
public sealed record InputFailure([property: JsonPropertyName("file")] string File, [property: JsonPropertyName("error")] string Error);

/// <summary>What <c>run.json</c> holds: counts, warnings, errors, timings, pipeline and model.</summary>
public sealed record RunSummary
{
    [JsonPropertyName("started")] public DateTimeOffset Started { get; init; }
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
    [JsonPropertyName("pipeline")] public string Pipeline { get; init; } = "";
    [JsonPropertyName("pipelineFile")] public string PipelineFile { get; init; } = "";
    [JsonPropertyName("scorer")] public string Scorer { get; init; } = "";
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("clustering")] public string Clustering { get; init; } = "";
    [JsonPropertyName("decisionsFile")] public string? DecisionsFile { get; init; }
    [JsonPropertyName("previousOutput")] public string? PreviousOutput { get; init; }
    [JsonPropertyName("decisions")] public int Decisions { get; init; }
    [JsonPropertyName("confirmedIdentities")] public int ConfirmedIdentities { get; init; }
    [JsonPropertyName("inputs")] public int Inputs { get; init; }
    [JsonPropertyName("pagesProcessed")] public int PagesProcessed { get; init; }
    [JsonPropertyName("pagesFailed")] public int PagesFailed { get; init; }
    [JsonPropertyName("pagesResumed")] public int PagesResumed { get; init; }
    [JsonPropertyName("papers")] public int Papers { get; init; }
    [JsonPropertyName("identities")] public int Identities { get; init; }
    [JsonPropertyName("scoredPairs")] public long ScoredPairs { get; init; }
    [JsonPropertyName("stageMilliseconds")] public Dictionary<string, double> StageMilliseconds { get; init; } = new();
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
    [JsonPropertyName("failures")] public IReadOnlyList<InputFailure> Failures { get; init; } = [];
    [JsonPropertyName("invariantViolations")] public IReadOnlyList<string> InvariantViolations { get; init; } = [];
    [JsonPropertyName("exitCode")] public int ExitCode { get; init; }
}

[JsonSerializable(typeof(RunSummary))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class RunJson : JsonSerializerContext;

/// <summary>Documented exit codes of the CLI.</summary>
public static class ExitCodes
{
    /// <summary>Every input was processed.</summary>
    public const int Ok = 0;
    /// <summary>Some inputs failed (listed in run.json and on stderr); the others were processed and written.</summary>
    public const int SomeInputsFailed = 1;
    /// <summary>Bad command line, pipeline file, model or decisions: nothing was processed.</summary>
    public const int UsageError = 2;
    /// <summary>An output invariant failed (a paper lost or duplicated): outputs must not be trusted.</summary>
    public const int InvariantViolated = 3;
    /// <summary>Another run holds the output folder.</summary>
    public const int OutputLocked = 4;
    /// <summary>The outputs could not be written (disk full, no permission, --output is a file); files already there are intact.</summary>
    public const int OutputNotWritten = 5;
}

/// <summary>
/// The batch job: finds the pages, parses and processes them in parallel (one bad page never stops the
/// batch), and writes the outputs.
/// </summary>
public sealed class BatchRunner(PageProcessor processor, PipelineDefinition pipeline, string modelName)
{
    /// <summary>Called after each page with (pages done, pages total, papers so far).</summary>
    public Action<int, int, int>? Progress { get; init; }

    /// <summary>Keep finished pages in <c>.cache/</c> of the output folder so an interrupted run resumes; on by default.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Reviewer decisions and the previous run's output (ids carried over); none by default.</summary>
    public ReviewSession Review { get; init; } = ReviewSession.None;

    /// <summary>Expands files and folders (searched recursively for <c>*.txt</c>) into (path, source name) pairs.</summary>
    public static List<(string Path, string Source)> FindPages(IEnumerable<string> inputs, List<InputFailure> failures) =>
        InputPages.Find(inputs, failures).Select(p => (p.Path, p.Source)).ToList();

    /// <summary>
    /// Runs the job and writes assignments.csv, identities.csv/.jsonl, review.csv/.html, the decision ledger,
    /// graphs and run.json into <paramref name="outputDir"/>, holding the folder's lock throughout. When the
    /// end-of-run invariant check fails, only run.json is written (with the violations and exit code 3), so a
    /// downstream job never loads wrong rows.
    /// </summary>
    /// <exception cref="DecisionConflictException">Decisions contradict each other; nothing was written.</exception>
    /// <exception cref="OutputLockedException">Another run is using <paramref name="outputDir"/>.</exception>
    /// <exception cref="IOException">The outputs cannot be written.</exception>
    public RunSummary Run(IReadOnlyList<string> inputs, string outputDir)
    {
        using var outputLock = OutputLock.Acquire(outputDir);
        OutputFiles.RemoveAbandonedTemporaryFiles(outputDir);
        OutputFiles.RemoveAbandonedTemporaryFiles(Path.Combine(outputDir, "graphs"));
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        var failures = new List<InputFailure>();
        var pages = FindPages(inputs, failures);
        var results = new ReviewedPage?[pages.Count];
        var conflicts = new IReadOnlyList<string>?[pages.Count];
        var pageWarnings = new IReadOnlyList<string>[pages.Count];
        var pageFailures = new InputFailure?[pages.Count];
        var cache = Resume ? new PageCache(Path.Combine(outputDir, ".cache"), CacheSalt()) : null;
        var usedKeys = new string?[pages.Count];
        int done = 0, papersDone = 0, resumed = 0;
        long parseTicks = 0;
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var (path, source) = pages[k];
            try
            {
                long t0 = Stopwatch.GetTimestamp();
                var page = ArrowPageParser.ParseFile(path, source);
                Interlocked.Add(ref parseTicks, Stopwatch.GetTimestamp() - t0);
                var plan = Review.Plan(page);
                pageWarnings[k] = [.. page.Warnings, .. plan.Warnings];
                if (plan.Conflicts.Count > 0) conflicts[k] = plan.Conflicts;
                else results[k] = Review.Finish(ProcessOrResume(page, plan.Constraints, cache, out usedKeys[k], ref resumed), plan);
                Interlocked.Add(ref papersDone, page.Papers.Count);
            }
            catch (PageFormatException e) { pageFailures[k] = new InputFailure(path, e.Message); }
            catch (Clustering.ConstraintConflictException e) { conflicts[k] = [$"{source}: {e.Message}"]; }
            catch (IOException e) { pageFailures[k] = new InputFailure(path, $"{source}: cannot read: {e.Message}"); }
            catch (UnauthorizedAccessException e) { pageFailures[k] = new InputFailure(path, $"{source}: cannot read: {e.Message}"); }
            // A bug in a later stage must cost one page, not the batch; it is reported like a bad input.
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                pageFailures[k] = new InputFailure(path, $"{source}: internal error, please report it with this page: {e.GetType().Name}: {e.Message}");
            }
            Progress?.Invoke(Interlocked.Increment(ref done), pages.Count, Volatile.Read(ref papersDone));
        });
        failures.AddRange(pageFailures.OfType<InputFailure>());
        var allConflicts = conflicts.Where(c => c is not null).SelectMany(c => c!).ToList();
        if (allConflicts.Count > 0) throw new DecisionConflictException(Review.DecisionsPath ?? "decisions", allConflicts);
        var reviewed = results.OfType<ReviewedPage>().ToList();
        var ok = reviewed.Select(r => r.Result).ToList();

        long writeStart = Stopwatch.GetTimestamp();
        var assignments = ok.SelectMany(Profiles.Assignments).ToList();
        int top = pipeline.Stage("export").Top ?? 5;
        var profiles = ReviewOutputs.Build(reviewed, top);
        var identities = profiles.SelectMany(x => x.Profiles).ToList();
        var violations = RunInvariants.Check(ok.Select(r => new ParsedPage(r.Page.Source, r.Page.Papers.Count)).ToList(),
                assignments, identities.Select(p => p.ToRow()).ToList())
            .Concat(reviewed.SelectMany(r => r.Violations())).ToList();
        if (violations.Count == 0)
        {
            OutputFiles.WriteCsv(Path.Combine(outputDir, "assignments.csv"), assignments, OutputFiles.SpreadsheetCsv);
            ReviewOutputs.Write(outputDir, profiles);
            var ledger = Review.NextLedger(reviewed.Select(r => r.Plan));
            if (ledger.Count > 0) ledger.Write(outputDir);
            if (pipeline.Stage("graph").ExportDot ?? true)
            {
                var graphNames = new UniqueFileNames();
                foreach (var r in ok) WriteGraph(Path.Combine(outputDir, "graphs", graphNames.Next(Path.ChangeExtension(r.Page.Source, null), ".dot")), r);
            }
        }

        if (cache is not null && violations.Count == 0) cache.Prune(usedKeys.OfType<string>().ToHashSet(StringComparer.Ordinal));
        double writeMs = Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds;
        int exit = violations.Count > 0 ? ExitCodes.InvariantViolated : failures.Count > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
        var timings = ok.Aggregate(StageTimings.Zero, (a, r) => a + r.Timings);
        var summary = new RunSummary
        {
            Started = started,
            Seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            Pipeline = pipeline.Name,
            PipelineFile = pipeline.Origin,
            Scorer = processor.Scorer.Name,
            Model = modelName,
            Clustering = processor.Clusterer.Description,
            DecisionsFile = Review.DecisionsPath,
            PreviousOutput = Review.Previous?.Folder,
            Decisions = Review.Decisions.Count,
            ConfirmedIdentities = identities.Count(p => p.Status == IdentityStatus.Confirmed),
            Inputs = pages.Count,
            PagesProcessed = ok.Count,
            PagesFailed = failures.Count,
            Papers = ok.Sum(r => r.Page.Papers.Count),
            Identities = identities.Count,
            ScoredPairs = ok.Sum(r => r.ScoredPairs),
            PagesResumed = resumed,
            StageMilliseconds = new()
            {
                ["parse"] = Math.Round(Stopwatch.GetElapsedTime(0, parseTicks).TotalMilliseconds, 1),
                ["graph"] = Math.Round(timings.Graph, 1), ["features"] = Math.Round(timings.Features, 1),
                ["score"] = Math.Round(timings.Score, 1), ["cluster"] = Math.Round(timings.Cluster, 1),
                ["write"] = Math.Round(writeMs, 1),
            },
            Warnings = pageWarnings.Where(w => w is not null).SelectMany(w => w)
                .Concat(Review.Unmatched(reviewed.Select(r => r.Result.Page))).ToList(),
            Failures = failures,
            InvariantViolations = violations,
            ExitCode = exit,
        };
        OutputFiles.WriteText(Path.Combine(outputDir, "run.json"), JsonSerializer.Serialize(summary, RunJson.Default.RunSummary) + "\n");
        return summary;
    }

    private PageResult ProcessOrResume(ClusterPage page, Clustering.Constraints constraints, PageCache? cache, out string? key, ref int resumed)
    {
        key = null;
        if (cache is null) return processor.Process(page, constraints);
        key = cache.Key(page, constraints);
        if (cache.TryLoad(key, page.Papers.Count) is { } cached)
        {
            Interlocked.Increment(ref resumed);
            return processor.Rebuild(page, cached);
        }
        var result = processor.Process(page, constraints);
        cache.Store(key, result);
        return result;
    }

    /// <summary>What a cached page depends on besides its content: this build (code and embedded models), the model used and the clustering.</summary>
    private string CacheSalt()
    {
        string modelHash = File.Exists(modelName) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(modelName))) : "";
        string mergePath = File.Exists(modelName) ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelName))!, "merge.zip") : "";
        string mergeHash = File.Exists(mergePath) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(mergePath))) : "";
        return string.Join('|', typeof(BatchRunner).Assembly.ManifestModule.ModuleVersionId, processor.Scorer.Name, modelName, modelHash, mergeHash, processor.Clusterer.Description);
    }

    private static void WriteGraph(string path, PageResult r)
    {
        var sw = new StringWriter();
        r.Context.Graph.WriteDot(sw, r.Page.ClusterName, p => $"{r.Page.Papers[p].Index}: {Trim(r.Page.Papers[p].Title)}", r.Assignment.Labels);
        // Graphs are per-page views that any run re-creates: not worth a disk flush each (see OutputFiles.Atomic).
        OutputFiles.WriteText(path, sw.ToString(), durable: false);
    }

    private static string Trim(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
