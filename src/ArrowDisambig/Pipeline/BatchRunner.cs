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
    [JsonPropertyName("interrupted")] public bool Interrupted { get; init; }
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
    /// <summary>Stopped by Ctrl-C or SIGTERM: nothing was written; the pages finished so far are cached, so the same command resumes.</summary>
    public const int Interrupted = 130;
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
    /// Most pages taken but not yet written (default: four per core). Pages are written in input order, so a
    /// slow page holds back the ones after it; this bounds how many wait in memory meanwhile.
    /// </summary>
    public int PagesInFlight { get; init; } = 4 * Environment.ProcessorCount;

    /// <summary>
    /// Runs the job and writes assignments.csv, identities.csv/.jsonl, review.csv/.html, the decision ledger,
    /// graphs and run.json into <paramref name="outputDir"/>, holding the folder's lock throughout. Pages are
    /// processed in parallel and their rows streamed, in input order, into a staging folder as they finish;
    /// only when every page passed the invariant checks are the files moved into place. Otherwise only run.json
    /// is written (with the violations and exit code 3), so a downstream job never loads wrong rows.
    /// </summary>
    /// <exception cref="DecisionConflictException">Decisions contradict each other; nothing was written.</exception>
    /// <exception cref="OutputLockedException">Another run is using <paramref name="outputDir"/>.</exception>
    /// <exception cref="IOException">The outputs cannot be written.</exception>
    /// <param name="inputs">Page files and folders.</param>
    /// <param name="outputDir">The output folder.</param>
    /// <param name="cancel">
    /// Stops the run after the pages in progress: nothing but run.json (exit code <see cref="ExitCodes.Interrupted"/>)
    /// is written, and the pages finished so far stay in the cache for the rerun.
    /// </param>
    public RunSummary Run(IReadOnlyList<string> inputs, string outputDir, CancellationToken cancel = default)
    {
        using var outputLock = OutputLock.Acquire(outputDir);
        OutputFiles.RemoveAbandonedTemporaryFiles(outputDir);
        OutputFiles.RemoveAbandonedTemporaryFiles(Path.Combine(outputDir, "graphs"));
        StagingFolder.RemoveAbandoned(outputDir);
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        var failures = new List<InputFailure>();
        var pages = FindPages(inputs, failures);
        var cache = Resume ? new PageCache(Path.Combine(outputDir, ".cache"), CacheSalt()) : null;
        int top = pipeline.Stage("export").Top ?? 5;
        bool dot = pipeline.Stage("graph").ExportDot ?? true;
        int done = 0, papersDone = 0;
        long parseTicks = 0;

        var run = new RunTally();
        var invariants = new InvariantTally();
        using var writer = new RunOutputWriter(outputDir);
        bool interrupted = false;
        try
        {
            OrderedParallel.Run(pages.Count, Environment.ProcessorCount, Math.Max(PagesInFlight, Environment.ProcessorCount),
                k =>
                {
                    var work = ProcessPage(pages[k].Path, pages[k].Source, cache, output => writer.Prepare(PageOutput.Build(output, top, dot)), ref parseTicks);
                    Interlocked.Add(ref papersDone, work.Papers);
                    Progress?.Invoke(Interlocked.Increment(ref done), pages.Count, Volatile.Read(ref papersDone));
                    return work;
                },
                (_, work) =>
                {
                    run.Add(work);
                    if (work.Output is not { } output) return;
                    var result = output.Page.Result;
                    invariants.AddPage(new ParsedPage(result.Page.Source, result.Page.Papers.Count),
                        output.Assignments, output.Identities, output.Page.Violations());
                    // Once the run is known to be unusable nothing more is written; the staging folder is discarded.
                    if (!invariants.Clean || run.Conflicts.Count > 0) return;
                    long t0 = Stopwatch.GetTimestamp();
                    writer.Add(output);
                    run.WriteTicks += Stopwatch.GetTimestamp() - t0;
                }, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { interrupted = true; }
        failures.AddRange(run.Failures);
        if (!interrupted && run.Conflicts.Count > 0) throw new DecisionConflictException(Review.DecisionsPath ?? "decisions", run.Conflicts);

        var violations = invariants.Violations;
        if (violations.Count == 0 && !interrupted)
        {
            long t0 = Stopwatch.GetTimestamp();
            writer.Commit(Review.NextLedger(run.Plans), new ReviewCounts(run.Processed, run.Identities, run.Confirmed));
            run.WriteTicks += Stopwatch.GetTimestamp() - t0;
            cache?.Prune(run.CacheKeys);
        }

        int exit = interrupted ? ExitCodes.Interrupted
            : violations.Count > 0 ? ExitCodes.InvariantViolated
            : failures.Count > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
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
            ConfirmedIdentities = run.Confirmed,
            Inputs = pages.Count,
            PagesProcessed = run.Processed,
            PagesFailed = failures.Count,
            Papers = run.Papers,
            Identities = run.Identities,
            ScoredPairs = run.ScoredPairs,
            PagesResumed = run.Resumed,
            StageMilliseconds = new()
            {
                ["parse"] = Math.Round(Stopwatch.GetElapsedTime(0, parseTicks).TotalMilliseconds, 1),
                ["graph"] = Math.Round(run.Timings.Graph, 1), ["features"] = Math.Round(run.Timings.Features, 1),
                ["score"] = Math.Round(run.Timings.Score, 1), ["cluster"] = Math.Round(run.Timings.Cluster, 1),
                ["write"] = Math.Round(Stopwatch.GetElapsedTime(0, run.WriteTicks).TotalMilliseconds, 1),
            },
            Warnings = [.. run.Warnings, .. Review.Unmatched(run.PageNames)],
            Failures = failures,
            InvariantViolations = violations,
            Interrupted = interrupted,
            ExitCode = exit,
        };
        OutputFiles.WriteText(Path.Combine(outputDir, "run.json"), JsonSerializer.Serialize(summary, RunJson.Default.RunSummary) + "\n");
        return summary;
    }

    /// <summary>Everything a worker hands the writer about one input: its rows, or why it has none.</summary>
    private sealed record PageWork(int Papers, IReadOnlyList<string> Warnings)
    {
        public PageOutput? Output { get; init; }
        public InputFailure? Failure { get; init; }
        public IReadOnlyList<string> Conflicts { get; init; } = [];
        public string? CacheKey { get; init; }
        public bool Resumed { get; init; }
    }

    /// <summary>What the run keeps of pages already written: counts and small per-page facts, never rows.</summary>
    private sealed class RunTally
    {
        public List<InputFailure> Failures { get; } = [];
        public List<string> Conflicts { get; } = [];
        public List<string> Warnings { get; } = [];
        public List<PagePlan> Plans { get; } = [];
        public HashSet<string> CacheKeys { get; } = new(StringComparer.Ordinal);
        public List<(string Source, string ClusterName)> PageNames { get; } = [];
        public int Processed, Papers, Identities, Confirmed, Resumed;
        public long ScoredPairs, WriteTicks;
        public StageTimings Timings = StageTimings.Zero;

        public void Add(PageWork work)
        {
            Warnings.AddRange(work.Warnings);
            Conflicts.AddRange(work.Conflicts);
            if (work.Failure is not null) Failures.Add(work.Failure);
            if (work.CacheKey is not null) CacheKeys.Add(work.CacheKey);
            if (work.Resumed) Resumed++;
            if (work.Output is not { } output) return;
            var r = output.Page.Result;
            // Plans without ledger entries carry nothing the next ledger needs.
            if (output.Page.Plan.Resolved.Count > 0) Plans.Add(output.Page.Plan);
            PageNames.Add((r.Page.Source, r.Page.ClusterName));
            Processed++;
            Papers += r.Page.Papers.Count;
            Identities += output.Profiles.Count;
            Confirmed += output.Profiles.Count(p => p.Status == IdentityStatus.Confirmed);
            ScoredPairs += r.ScoredPairs;
            Timings += r.Timings;
        }
    }

    private PageWork ProcessPage(string path, string source, PageCache? cache, Func<ReviewedPage, PageOutput> rows, ref long parseTicks)
    {
        IReadOnlyList<string> warnings = [];
        try
        {
            long t0 = Stopwatch.GetTimestamp();
            var page = ArrowPageParser.ParseFile(path, source);
            Interlocked.Add(ref parseTicks, Stopwatch.GetTimestamp() - t0);
            var plan = Review.Plan(page);
            warnings = [.. page.Warnings, .. plan.Warnings];
            if (plan.Conflicts.Count > 0) return new PageWork(page.Papers.Count, warnings) { Conflicts = plan.Conflicts };
            var (result, key, resumed) = ProcessOrResume(page, plan.Constraints, cache);
            var reviewed = Review.Finish(result, plan);
            return new PageWork(page.Papers.Count, warnings) { Output = rows(reviewed), CacheKey = key, Resumed = resumed };
        }
        catch (PageFormatException e) { return Failed(path, e.Message); }
        catch (Clustering.ConstraintConflictException e) { return new PageWork(0, warnings) { Conflicts = [$"{source}: {e.Message}"] }; }
        catch (IOException e) { return Failed(path, $"{source}: cannot read: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Failed(path, $"{source}: cannot read: {e.Message}"); }
        // A bug in a later stage must cost one page, not the batch; it is reported like a bad input.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(path, $"{source}: internal error, please report it with this page: {e.GetType().Name}: {e.Message}");
        }
    }

    private static PageWork Failed(string path, string error) => new(0, []) { Failure = new InputFailure(path, error) };

    private (PageResult Result, string? Key, bool Resumed) ProcessOrResume(ClusterPage page, Clustering.Constraints constraints, PageCache? cache)
    {
        if (cache is null) return (processor.Process(page, constraints), null, false);
        string key = cache.Key(page, constraints);
        if (cache.TryLoad(key, page.Papers.Count) is { } cached) return (processor.Rebuild(page, cached), key, true);
        var result = processor.Process(page, constraints);
        cache.Store(key, result);
        return (result, key, false);
    }

    /// <summary>What a cached page depends on besides its content: this build (code and embedded models), the model used and the clustering.</summary>
    private string CacheSalt()
    {
        string modelHash = File.Exists(modelName) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(modelName))) : "";
        string mergePath = File.Exists(modelName) ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelName))!, "merge.zip") : "";
        string mergeHash = File.Exists(mergePath) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(mergePath))) : "";
        return string.Join('|', typeof(BatchRunner).Assembly.ManifestModule.ModuleVersionId, processor.Scorer.Name, modelName, modelHash, mergeHash, processor.Clusterer.Description);
    }
}
