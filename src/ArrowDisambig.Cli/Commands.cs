using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using ArrowDisambig.Evaluation;
using ArrowDisambig.Export;
using ArrowDisambig.Features;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;
using Spectre.Console;

namespace ArrowDisambig.Cli;

/// <summary>The CLI's commands: thin wrappers that read options and call the library.</summary>
internal static class Commands
{
    public static Command Run()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Page files, or folders searched for *.txt", Arity = ArgumentArity.OneOrMore };
        var output = OutputOption("output");
        var pipeline = PipelineOption();
        var decisions = new Option<string?>("--decisions", "-d")
        {
            Description = "Reviewer decisions CSV (confirm/merge/move/separate by identity_id and paper_key); read, never written",
        };
        var previous = new Option<string?>("--previous")
        {
            Description = "Output folder of an earlier run whose identity ids are carried over; default: the output folder itself when it has assignments.csv",
        };
        var cmd = new Command("run", "Disambiguate cluster pages; write assignments.csv, identities.csv/.jsonl, review.csv/.html, graphs/ and run.json")
            { inputs, output, pipeline, decisions, previous };
        cmd.SetAction(r => Guard(() =>
        {
            var def = PipelineDefinition.Load(r.GetValue(pipeline));
            var (processor, modelName) = ScorerFactory.Create(def);
            string outDir = r.GetValue(output)!;
            var review = ReviewSession.Load(r.GetValue(decisions), r.GetValue(previous), outDir);
            RunSummary summary;
            using var interrupt = new CancellationTokenSource();
            // The first Ctrl-C or SIGTERM lets the pages in progress finish (so they are cached) and stops cleanly;
            // a second one is not caught and ends the process at once.
            void Stop(PosixSignalContext c)
            {
                if (interrupt.IsCancellationRequested) return;
                c.Cancel = true;
                interrupt.Cancel();
                Console.Error.WriteLine("interrupted: finishing the pages in progress, then stopping without writing outputs (press Ctrl-C again to stop at once)");
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                summary = WithProgress("pages", report => new BatchRunner(processor, def, modelName) { Progress = report, Review = review }
                    .Run(r.GetValue(inputs)!, outDir, interrupt.Token));
            }
            catch (OutputLockedException e) { Console.Error.WriteLine($"error: {ConsoleText.Printable(e.Message)}"); return ExitCodes.OutputLocked; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write the outputs into {ConsoleText.Printable(outDir)}: {ConsoleText.Printable(e.Message)}");
                return ExitCodes.OutputNotWritten;
            }
            foreach (var w in summary.Warnings) Console.Error.WriteLine($"warning: {ConsoleText.Printable(w)}");
            foreach (var f in summary.Failures) Console.Error.WriteLine($"error: {ConsoleText.Printable(f.Error)}");
            foreach (var v in summary.InvariantViolations) Console.Error.WriteLine($"invariant violated, outputs not written: {ConsoleText.Printable(v)}");
            if (summary.Interrupted)
            {
                Console.Error.WriteLine($"interrupted after {summary.PagesProcessed} of {summary.Inputs} page(s); no output was replaced. " +
                                        "Finished pages are cached: run the same command again to resume.");
                return summary.ExitCode;
            }
            Console.WriteLine($"{summary.PagesProcessed} page(s), {summary.Papers} papers -> {summary.Identities} identities in {summary.Seconds:0.00} s; " +
                              $"{summary.PagesFailed} failed. Output: {Path.GetFullPath(outDir)}");
            if (summary.DecisionsFile is not null || summary.PreviousOutput is not null)
                Console.WriteLine($"{summary.Decisions} decision(s) read, {summary.ConfirmedIdentities} identities confirmed; ids carried over from {summary.PreviousOutput ?? "(no previous output)"}. " +
                                  $"Review: arrow-disambig review {outDir}");
            return summary.ExitCode;
        }));
        return cmd;
    }

    public static Command Evaluate()
    {
        var input = new Argument<string[]>("labelled") { Description = "Folders of pages with gold.csv, or normalised .jsonl corpora", Arity = ArgumentArity.OneOrMore };
        var output = OutputOption("output/evaluation");
        var pipeline = PipelineOption();
        var names = new Option<string>("--names")
        {
            Description = "printed: the pages as they are; initials: every page name cut to initials (\"Lei Wang\" -> \"L. Wang\"); inverted: every name on the page surname first (\"Wang, Lei\"); pubmed: every name on the page as MEDLINE prints it (\"Wang L\"). Pages that then share a name are merged",
            DefaultValueFactory = _ => "printed",
        };
        names.AcceptOnlyFromAmong([.. Enum.GetNames<NameFormat>().Select(n => n.ToLowerInvariant())]);
        var cmd = new Command("evaluate", "Run the pipeline on labelled pages and report B3 and pairwise precision/recall/F1") { input, output, pipeline, names };
        cmd.SetAction(r => Guard(() =>
        {
            var def = PipelineDefinition.Load(r.GetValue(pipeline));
            var (processor, _) = ScorerFactory.Create(def);
            var errors = new List<string>();
            var pages = LoadLabelled(r.GetValue(input)!, errors);
            foreach (var e in errors) Console.Error.WriteLine($"warning: {e}");
            if (pages.Count == 0) { Console.Error.WriteLine("error: no labelled pages found"); return ExitCodes.UsageError; }
            pages = [.. NameFormatPages.Make(pages, Enum.Parse<NameFormat>(r.GetValue(names)!, ignoreCase: true))];
            var report = Evaluator.Evaluate(pages, processor);
            string outDir = r.GetValue(output)!;
            OutputFiles.WriteCsv(Path.Combine(outDir, "evaluation.csv"), report.Pages, OutputFiles.MachineCsv);
            PrintEvaluation(report, processor);
            Console.WriteLine($"Per-page table: {Path.GetFullPath(Path.Combine(outDir, "evaluation.csv"))}");
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static Command Train()
    {
        var data = new Option<string>("--data") { Description = "Folder with arrow/ (rendered pages + gold.csv) and norm/ (JSONL corpora)", DefaultValueFactory = _ => "../shared/data" };
        var output = OutputOption("models");
        var trainer = new Option<string>("--trainer") { Description = "LightGbm, FastTree, or auto (compare both by cross-validated B3 F1)", DefaultValueFactory = _ => "auto" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (by block)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for sampling and training", DefaultValueFactory = _ => 42 };
        var maxPairs = new Option<int>("--max-pairs") { Description = "Training pairs sampled per page (all pairs of smaller pages)", DefaultValueFactory = _ => new TrainOptions().MaxPairsPerPage };
        var iterations = new Option<int>("--iterations") { Description = "Boosting rounds of the pair model", DefaultValueFactory = _ => new TrainOptions().Iterations };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree of the pair model", DefaultValueFactory = _ => new TrainOptions().Leaves };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate of the pair model", DefaultValueFactory = _ => new TrainOptions().LearningRate };
        var minLeaf = new Option<int>("--min-leaf") { Description = "Fewest training pairs in a leaf of the pair model", DefaultValueFactory = _ => new TrainOptions().MinLeafCount };
        var leaveOut = new Option<int>("--leave-out-min-pages") { Description = "Data sets with at least this many pages get a leave-one-data-set-out run (a large number skips them: faster experiments)", DefaultValueFactory = _ => new TrainOptions().LeaveOutMinPages };
        var mergeRounds = new Option<int>("--merge-rounds") { Description = "Times the merge model is refitted on the cluster pairs it meets while merging (0: first-stage clusters only)", DefaultValueFactory = _ => new TrainOptions().MergeRounds };
        var cutLift = new Option<double>("--cut-lift") { Description = "With a merge stage, the first stage cuts this far above its best single-stage cut", DefaultValueFactory = _ => new TrainOptions().CutLift };
        var mergeIterations = new Option<int>("--merge-iterations") { Description = "Boosting rounds of the merge model", DefaultValueFactory = _ => new TrainOptions().MergeIterations };
        var mergeLeaves = new Option<int>("--merge-leaves") { Description = "Leaves per tree of the merge model", DefaultValueFactory = _ => new TrainOptions().MergeLeaves };
        var featureFraction = new Option<double>("--feature-fraction") { Description = "LightGbm pair model: share of the features each tree may use", DefaultValueFactory = _ => new TrainOptions().FeatureFraction };
        var sampling = new Option<string>("--pair-sampling") { Description = "Pages with more pairs than --max-pairs: balanced (positives up to half), weighted (balanced, weighted back to the page's share of positives) or uniform", DefaultValueFactory = _ => new TrainOptions().PairSampling };
        sampling.AcceptOnlyFromAmong("balanced", "weighted", "uniform");
        var mergeWeighting = new Option<string>("--merge-weighting") { Description = "Merge-model training rows: b3 (weighted by what the join moves B3 by) or none", DefaultValueFactory = _ => new TrainOptions().MergeWeightedByB3 ? "b3" : "none" };
        mergeWeighting.AcceptOnlyFromAmong("b3", "none");
        var reprints = new Option<string>("--reprints") { Description = "on: every fit also trains on a copy of each labelled page with every name reprinted as MEDLINE prints it (\"Wang L\"); off: labelled pages only. The copies are scored held out either way", DefaultValueFactory = _ => new TrainOptions().Reprints ? "on" : "off" };
        reprints.AcceptOnlyFromAmong("on", "off");
        var homonyms = new Option<string>("--homonyms") { Description = "on: add a synthetic namesake page per labelled page (its papers plus a page of another field renamed to its name) to every training set; off: labelled pages only", DefaultValueFactory = _ => new TrainOptions().Homonyms ? "on" : "off" };
        homonyms.AcceptOnlyFromAmong("on", "off");
        var cmd = new Command("train", "Train the pairwise model on the labelled corpora; cross-validate by block; write models/pairwise.zip and MODEL.md")
            { data, output, trainer, folds, seed, maxPairs, sampling, reprints, homonyms, mergeWeighting, iterations, leaves, learningRate, minLeaf, featureFraction, leaveOut, mergeRounds, cutLift, mergeIterations, mergeLeaves };
        cmd.SetAction(r => Guard(() =>
        {
            var options = new TrainOptions
            {
                Trainer = r.GetValue(trainer)!, Folds = r.GetValue(folds), Seed = r.GetValue(seed),
                MaxPairsPerPage = r.GetValue(maxPairs), PairSampling = r.GetValue(sampling)!, MergeWeightedByB3 = r.GetValue(mergeWeighting) == "b3", Homonyms = r.GetValue(homonyms) == "on", Reprints = r.GetValue(reprints) == "on", Iterations = r.GetValue(iterations),
                Leaves = r.GetValue(leaves), LearningRate = r.GetValue(learningRate), MinLeafCount = r.GetValue(minLeaf),
                FeatureFraction = r.GetValue(featureFraction),
                LeaveOutMinPages = r.GetValue(leaveOut), MergeRounds = r.GetValue(mergeRounds),
                CutLift = r.GetValue(cutLift), MergeIterations = r.GetValue(mergeIterations), MergeLeaves = r.GetValue(mergeLeaves),
                Log = line => Console.WriteLine(line),
            };
            return Training.Run(r.GetValue(data)!, r.GetValue(output)!, options);
        }));
        return cmd;
    }

    /// <summary>Reads labelled folders (with gold.csv) and JSONL corpora.</summary>
    internal static List<LabelledPage> LoadLabelled(IEnumerable<string> inputs, List<string> errors)
    {
        var pages = new List<LabelledPage>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input) && File.Exists(Path.Combine(input, "gold.csv"))) pages.AddRange(LabelledCorpus.ReadArrowFolder(input, errors));
            else if (Directory.Exists(input))
                foreach (var sub in Directory.EnumerateDirectories(input).Order(StringComparer.Ordinal).Where(d => File.Exists(Path.Combine(d, "gold.csv"))))
                    pages.AddRange(LabelledCorpus.ReadArrowFolder(sub, errors));
            else if (File.Exists(input) && input.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)) pages.AddRange(LabelledCorpus.ReadJsonl(input, errors));
            else errors.Add($"{input}: not a folder with gold.csv, a folder of such folders, or a .jsonl corpus");
        }
        return pages;
    }

    private static void PrintEvaluation(EvaluationReport report, PageProcessor processor)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        var table = new Table().Title(Markup.Escape($"Evaluation ({processor.Scorer.Name}; {processor.Clusterer.Description})"));
        foreach (var c in new[] { "data set", "pages", "papers", "gold ids", "predicted ids", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1" })
            table.AddColumn(c);
        foreach (var d in report.Datasets.Append(report.Overall))
            table.AddRow(Markup.Escape(d.Dataset), d.Pages.ToString(), d.Sums.Papers.ToString(), d.GoldIdentities.ToString(), d.PredictedIdentities.ToString(),
                F(d.Sums.B3.Precision), F(d.Sums.B3.Recall), F(d.Sums.B3.F1), F(d.Sums.Pairwise.Precision), F(d.Sums.Pairwise.Recall), F(d.Sums.Pairwise.F1));
        AnsiConsole.Write(table);
        Console.WriteLine($"Evaluated in {report.Seconds:0.00} s.");
        static string F(double x) => x.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Option<string> OutputOption(string defaultDir) => new("--output", "-o")
    {
        Description = "Folder for the output files",
        DefaultValueFactory = _ => defaultDir,
    };

    private static Option<string?> PipelineOption() => new("--pipeline", "-p")
    {
        Description = "Pipeline file (stages and parameters as JSON); default: pipelines/default.json as built into the tool",
    };

    /// <summary>Runs work with a progress bar on a terminal and plain lines when output is redirected.</summary>
    private static T WithProgress<T>(string unit, Func<Action<int, int, int>, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var start = DateTime.UtcNow;
            int lastPercent = -1;
            var gate = new object();
            return work((done, total, papers) =>
            {
                int percent = total == 0 ? 100 : done * 100 / total;
                lock (gate)
                {
                    if (percent / 10 == lastPercent / 10 && done != total) return;
                    lastPercent = percent;
                }
                double s = (DateTime.UtcNow - start).TotalSeconds;
                Console.Error.WriteLine($"{done}/{total} {unit} ({percent}%), {papers} papers, {papers / Math.Max(s, 1e-3):0} papers/s");
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(unit, maxValue: 1);
                var start = DateTime.UtcNow;
                result = work((done, total, papers) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                    double s = (DateTime.UtcNow - start).TotalSeconds;
                    task.Description = $"{unit} {done}/{total}, {papers / Math.Max(s, 1e-3):0} papers/s";
                });
            });
        return result;
    }

    /// <summary>Turns configuration errors into a message and exit code 2 instead of a stack trace.</summary>
    internal static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (PipelineDefinitionException e) { Console.Error.WriteLine($"error: {e.Message}"); return ExitCodes.UsageError; }
        catch (FileNotFoundException e) { Console.Error.WriteLine($"error: {e.Message}"); return ExitCodes.UsageError; }
        catch (DirectoryNotFoundException e) { Console.Error.WriteLine($"error: {e.Message}"); return ExitCodes.UsageError; }
        catch (ReviewInputException e) { Console.Error.WriteLine($"error: {e.Message}"); return ExitCodes.UsageError; }
    }
}
