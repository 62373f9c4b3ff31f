using System.Runtime.CompilerServices;
using ArrowDisambig.Clustering;
using ArrowDisambig.Export;
using ArrowDisambig.Features;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;
using ArrowDisambig.Tests.Reliability;
using ArrowDisambig.Tests.Review;

namespace ArrowDisambig.Tests.Pipeline;

public class OrderedParallelTests
{
    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 5)]
    [TestCase(4, 16)]
    public void Items_are_consumed_in_order_on_one_thread_at_a_time_with_at_most_a_window_taken(int workers, int window)
    {
        const int count = 400;
        var consumed = new List<int>();
        int taken = 0, maxTaken = 0, consuming = 0;
        OrderedParallel.Run(count, workers, window,
            k =>
            {
                int now = Interlocked.Increment(ref taken);
                int seen;
                while ((seen = Volatile.Read(ref maxTaken)) < now && Interlocked.CompareExchange(ref maxTaken, now, seen) != seen) { }
                // Uneven work, so items finish out of order.
                if (k % 7 == 0) Thread.Sleep(1);
                else Thread.SpinWait(50 * (k % 13));
                return k * 10;
            },
            (k, item) =>
            {
                Assert.That(Interlocked.Increment(ref consuming), Is.EqualTo(1), "two consumers at once");
                Assert.That(item, Is.EqualTo(k * 10));
                consumed.Add(k);
                Interlocked.Decrement(ref taken);
                Interlocked.Decrement(ref consuming);
            });
        Assert.That(consumed, Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(maxTaken, Is.LessThanOrEqualTo(window));
    }

    [Test]
    public void No_items_is_no_work() =>
        Assert.DoesNotThrow(() => OrderedParallel.Run<int>(0, 2, 2, _ => throw new InvalidOperationException(), (_, _) => throw new InvalidOperationException()));

    [Test]
    public void A_failing_consumer_stops_the_run_and_its_exception_comes_out_unwrapped()
    {
        int produced = 0;
        var e = Assert.Throws<IOException>(() => OrderedParallel.Run(10_000, 2, 4,
            k => { Interlocked.Increment(ref produced); return k; },
            (k, _) => { if (k == 20) throw new IOException("disk full"); }));
        Assert.That(e!.Message, Is.EqualTo("disk full"));
        Assert.That(produced, Is.LessThan(10_000), "workers stop taking items after a failure");
    }

    [Test]
    public void Cancelling_stops_taking_items_and_throws_once_the_workers_are_back()
    {
        using var cancel = new CancellationTokenSource();
        var consumed = new List<int>();
        Assert.Throws<OperationCanceledException>(() => OrderedParallel.Run(10_000, 2, 4, k => k,
            (k, _) => { consumed.Add(k); if (k == 10) cancel.Cancel(); }, cancel.Token));
        Assert.That(consumed, Is.EqualTo(Enumerable.Range(0, 11)));
    }

    [Test]
    public void A_failing_producer_stops_the_run()
    {
        var consumed = new List<int>();
        Assert.Throws<InvalidOperationException>(() => OrderedParallel.Run(1_000, 2, 4,
            k => k == 50 ? throw new InvalidOperationException("bug") : k,
            (k, _) => consumed.Add(k)));
        Assert.That(consumed, Is.EqualTo(Enumerable.Range(0, consumed.Count)), "what was consumed is still in order");
        Assert.That(consumed, Has.Count.LessThanOrEqualTo(50));
    }
}

public class ReviewHtmlShortlistTests
{
    [Test]
    public void Keeps_the_pages_whose_riskiest_row_comes_first_in_the_queue_whatever_the_arrival_order([Range(1, 20)] int seed)
    {
        var random = new Random(seed);
        var pages = Enumerable.Range(0, 60).Select(i => Enumerable.Range(0, random.Next(0, 4))
            .Select(j => Row($"p{i}.txt", $"id-{j}", Math.Round(random.NextDouble(), 1), random.Next(2) == 0 ? IdentityStatus.Proposed : IdentityStatus.Confirmed))
            .ToList()).ToList();
        var shortlist = new ReviewHtmlShortlist(7);
        for (int i = 0; i < pages.Count; i++)
        {
            bool might = shortlist.MightKeep(pages[i]);
            string source = $"p{i}.txt";
            shortlist.Offer(pages[i], () => new RenderedPage(source, source));
            if (!might) Assert.That(shortlist.Pages.Select(p => p.Source), Does.Not.Contain(source), "MightKeep said never");
        }

        // What sorting the whole queue and taking the first pages gives (review.html before streaming).
        var queue = pages.SelectMany(p => p).Order(ReviewQueue.Riskiest).ToList();
        var rank = queue.Select((r, i) => (r.Source, i)).GroupBy(x => x.Source).ToDictionary(g => g.Key, g => g.Min(x => x.i));
        var expected = Enumerable.Range(0, pages.Count).Select(i => $"p{i}.txt")
            .OrderBy(s => rank.GetValueOrDefault(s, int.MaxValue)).Take(7).ToList();
        Assert.That(shortlist.Pages.Select(p => p.Source), Is.EqualTo(expected));
    }

    private static ReviewRow Row(string source, string id, double confidence, string status) => new()
    {
        Source = source, ClusterName = "X", IdentityId = id, DisplayName = "X", PaperCount = 1, Confidence = confidence,
        Status = status, Evidence = "", NearestIdentity = "", LeastCertainPapers = "", Decisions = "",
    };
}

public class StreamingOutputTests
{
    [Test]
    public void The_writer_keeps_no_page_once_its_rows_are_written()
    {
        using var dir = new TempDir();
        var page = ReviewFixtures.Seed();
        var def = PipelineDefinition.Load(null);
        var (processor, _) = ScorerFactory.Create(def);
        var result = processor.Process(page, Constraints.None);
        using var writer = new RunOutputWriter(dir.Path);
        var released = AddPages(writer, result, 30);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(released.Count(w => w.IsAlive), Is.Zero, "pages still referenced after their rows were written");
        writer.Commit(DecisionLedger.Empty, new ReviewCounts(30, 30 * result.Assignment.ClusterCount, 0));
        Assert.That(Batch.Assignments(dir.Path), Has.Count.EqualTo(30 * page.Papers.Count));
        Assert.That(Directory.GetDirectories(dir.Path, ".staging.*"), Is.Empty);
    }

    // Not inlined, so no local of the caller keeps a page alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> AddPages(RunOutputWriter writer, PageResult template, int count)
    {
        var refs = new List<WeakReference>();
        for (int i = 0; i < count; i++)
        {
            var copy = template with { Page = template.Page with { Source = $"page-{i}.txt" }, Affinities = template.Affinities.ToArray() };
            var output = writer.Prepare(PageOutput.Build(new ReviewedPage(copy, PagePlan.None), 5, dot: true));
            refs.Add(new WeakReference(output));
            refs.Add(new WeakReference(copy.Affinities));
            writer.Add(output);
        }
        return refs;
    }

    [Test]
    public void Outputs_do_not_depend_on_how_many_pages_are_in_flight()
    {
        using var input = new TempDir();
        File.Copy(TestPaths.Seed, Path.Combine(input.Path, "a.txt"));
        for (int i = 0; i < 8; i++)
            ReviewFixtures.WritePage(input.Path, $"p{i}.txt", i % 2 == 0 ? ReviewFixtures.Chemist(3 + i) : ReviewFixtures.Economist(2 + i));
        string Run(int inFlight)
        {
            string output = TestPaths.NewTempDir();
            var def = PipelineDefinition.Load(null);
            var (processor, model) = ScorerFactory.Create(def);
            new BatchRunner(processor, def, model) { PagesInFlight = inFlight, Resume = false }.Run([input.Path], output);
            return output;
        }
        string narrow = Run(1), wide = Run(64);
        foreach (var file in new[] { "assignments.csv", "identities.csv", "identities.jsonl", "review.csv", "review.html" })
            Assert.That(File.ReadAllBytes(Path.Combine(narrow, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(wide, file))), file);
    }

    [Test]
    public void A_run_that_fails_its_checks_leaves_the_previous_outputs_and_no_staged_files()
    {
        using var input = new TempDir();
        using var output = new TempDir();
        File.Copy(TestPaths.Seed, Path.Combine(input.Path, "jimmy-ba.txt"));
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        new BatchRunner(processor, def, model) { Resume = false }.Run([input.Path], output.Path);
        string before = File.ReadAllText(Path.Combine(output.Path, "assignments.csv"));
        var keys = Batch.Assignments(output.Path).Select(r => r.PaperKey).ToList();
        string decisions = ReviewFixtures.WriteDecisions(output.Path, ["jimmy-ba.txt", "Jimmy Ba", "separate", "", $"{keys[0]} {keys[1]}", "ann", "", ""]);

        // A broken Clustering stage that ignores the reviewer's constraints must not reach the outputs.
        var broken = processor.WithClusterer(new ConstraintBlindClusterer());
        var summary = new BatchRunner(broken, def, model) { Resume = false, Review = ReviewSession.Load(decisions, null, output.Path) }
            .Run([input.Path], output.Path);

        Assert.That(summary.ExitCode, Is.EqualTo(ExitCodes.InvariantViolated));
        Assert.That(summary.InvariantViolations, Has.Some.Contains("should be different identities"));
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "assignments.csv")), Is.EqualTo(before));
        Assert.That(Directory.GetDirectories(output.Path, ".staging.*"), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "run.json")), Does.Contain("\"exitCode\": 3"));
    }

    [Test]
    public void A_staging_folder_left_by_a_killed_run_is_removed_by_the_next_run()
    {
        using var input = new TempDir();
        using var output = new TempDir();
        File.Copy(TestPaths.Seed, Path.Combine(input.Path, "jimmy-ba.txt"));
        string abandoned = Path.Combine(output.Path, ".staging.999999.0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(abandoned, "graphs"));
        File.WriteAllText(Path.Combine(abandoned, "assignments.csv"), "half a file");
        Batch.Run(output.Path, input.Path);
        Assert.That(Directory.Exists(abandoned), Is.False);
        Assert.That(Batch.Assignments(output.Path), Has.Count.EqualTo(43));
    }

    private sealed class ConstraintBlindClusterer : IIdentityClusterer
    {
        public string Description => "everything one identity, constraints ignored";

        public ClusterAssignment Cluster(PageFeatureContext page, IReadOnlyList<Affinity> affinities, Constraints constraints) =>
            new(new int[page.Context.Count], Enumerable.Repeat(1.0, page.Context.Count).ToArray());
    }
}

public class KilledRunTests
{
    private static string Pages(TempDir input)
    {
        for (int i = 0; i < 200; i++)
            File.WriteAllText(Path.Combine(input.Path, $"page-{i:000}.txt"),
                ArrowDisambig.Bench.SyntheticPages.Render(new ArrowDisambig.Bench.SyntheticPageOptions(10, 5, 1000 + i), $"Name {i}"));
        return input.Path;
    }

    /// <summary>Starts the CLI on the pages and stops it with <paramref name="stop"/> once 20 pages are cached.</summary>
    private static (int ExitCode, string Stderr) RunAndStop(string input, string output, Action<System.Diagnostics.Process> stop)
    {
        var (started, stderr) = ExternalProcess.StartCli("run", input, "--output", output);
        using var p = started;
        string cache = Path.Combine(output, ".cache");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!p.HasExited && DateTime.UtcNow < deadline && (!Directory.Exists(cache) || Directory.GetFiles(cache).Length < 20)) Thread.Sleep(10);
        Assume.That(p.HasExited, Is.False, "the run finished before it could be stopped (machine too fast for 200 pages)");
        stop(p);
        if (!p.WaitForExit(TimeSpan.FromMinutes(1))) { p.Kill(entireProcessTree: true); Assert.Fail("the run did not stop"); }
        return (p.ExitCode, stderr.Result);
    }

    [Test]
    public void A_run_killed_mid_batch_leaves_the_previous_outputs_and_a_rerun_resumes_to_the_same_outputs()
    {
        using var input = new TempDir();
        Pages(input);
        using var reference = new TempDir();
        Batch.Run(reference.Path, input.Path);

        // The output folder holds an older run; the new one is killed once some pages are done.
        using var output = new TempDir();
        Batch.Run(output.Path, TestPaths.Seed);
        string before = File.ReadAllText(Path.Combine(output.Path, "assignments.csv"));
        RunAndStop(input.Path, output.Path, p => p.Kill(entireProcessTree: true));
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "assignments.csv")), Is.EqualTo(before), "a killed run replaces nothing");

        var summary = Batch.Run(output.Path, input.Path);
        Assert.That(summary.PagesResumed, Is.GreaterThanOrEqualTo(20));
        Assert.That(Directory.GetDirectories(output.Path, ".staging.*"), Is.Empty);
        foreach (var file in new[] { "assignments.csv", "identities.csv", "identities.jsonl", "review.csv", "review.html" })
            Assert.That(File.ReadAllBytes(Path.Combine(output.Path, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference.Path, file))), file);
    }

    [Test]
    public void SIGTERM_like_Ctrl_C_stops_cleanly_with_exit_130_and_writes_nothing_but_run_json()
    {
        // SIGTERM rather than SIGINT: both go to one handler, but a shell starts background jobs (a CI runner's
        // test host among them) with SIGINT ignored, and an ignored signal never reaches the handler.
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM with kill(1)");
        using var input = new TempDir();
        Pages(input);
        using var output = new TempDir();
        Batch.Run(output.Path, TestPaths.Seed);
        string before = File.ReadAllText(Path.Combine(output.Path, "assignments.csv"));

        var (code, stderr) = RunAndStop(input.Path, output.Path,
            p => System.Diagnostics.Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit());

        Assert.That(code, Is.EqualTo(ExitCodes.Interrupted), stderr);
        Assert.That(stderr, Does.Contain("run the same command again to resume"));
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "assignments.csv")), Is.EqualTo(before));
        Assert.That(Directory.GetDirectories(output.Path, ".staging.*"), Is.Empty, "the staging folder is removed on a clean stop");
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "run.json")), Does.Contain("\"interrupted\": true"));
        Assert.That(Batch.Run(output.Path, input.Path).PagesResumed, Is.GreaterThanOrEqualTo(20));
    }
}
