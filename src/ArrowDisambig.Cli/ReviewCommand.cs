using System.CommandLine;
using System.Globalization;
using ArrowDisambig.Export;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;
using CsvHelper;
using Spectre.Console;

namespace ArrowDisambig.Cli;

/// <summary>The <c>review</c> command: what awaits review in an output folder, as a table.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("output") { Description = "Output folder of a run (with review.csv)" };
        var top = new Option<int>("--top", "-n") { Description = "Rows of the queue to show", DefaultValueFactory = _ => 25 };
        var all = new Option<bool>("--all") { Description = "Show confirmed identities too" };
        var cmd = new Command("review", "Summarise what awaits review in an output folder: the queue (riskiest first) and confirmed vs proposed counts")
            { folder, top, all };
        cmd.SetAction(r => Commands.Guard(() => Print(r.GetValue(folder)!, r.GetValue(top), r.GetValue(all))));
        return cmd;
    }

    private static int Print(string folder, int top, bool all)
    {
        string path = Path.Combine(folder, "review.csv");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: {path}: not found; run 'arrow-disambig run ... --output {folder}' first");
            return ExitCodes.UsageError;
        }
        List<ReviewRow> rows;
        using (var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' }))
            rows = reader.GetRecords<ReviewRow>().ToList();

        int confirmed = rows.Count(x => x.Status == IdentityStatus.Confirmed);
        var queue = rows.Where(x => all || x.Status != IdentityStatus.Confirmed).ToList();
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var table = new Table().Title($"Awaiting review in {Markup.Escape(Path.GetFullPath(folder))} (riskiest first)");
        foreach (var c in new[] { "#", "page", "identity", "papers", "confidence", "status", "nearest (affinity)", "evidence", "least certain papers" })
            table.AddColumn(c);
        foreach (var (x, i) in queue.Take(Math.Max(top, 0)).Select((x, i) => (x, i)))
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{x.ClusterName}\n{x.Source}"),
                Markup.Escape($"{x.DisplayName}\n{x.IdentityId}"),
                x.PaperCount.ToString(CultureInfo.InvariantCulture),
                Confidence(x.Confidence),
                x.Status == IdentityStatus.Confirmed ? "[green]confirmed[/]" : "proposed",
                x.NearestIdentity.Length == 0 ? "-" : Markup.Escape($"{x.NearestIdentity} ({x.NearestAffinity?.ToString("0.00", CultureInfo.InvariantCulture)})"),
                Markup.Escape(x.Evidence),
                Markup.Escape(x.LeastCertainPapers.Replace(" | ", "\n", StringComparison.Ordinal)));
        if (queue.Count > 0) AnsiConsole.Write(table);
        else Console.WriteLine("Nothing awaits review: every identity is confirmed.");
        if (queue.Count > top) Console.WriteLine($"... and {queue.Count - top} more (--top {queue.Count} to see all).");
        int pages = rows.Select(x => x.Source).Distinct().Count();
        Console.WriteLine($"{rows.Count - confirmed} proposed, {confirmed} confirmed identities on {pages} page(s). " +
                          $"Decide in a decisions.csv (source, cluster_name, action, identity_ids, paper_keys, reviewer, date, note) and rerun with --decisions; " +
                          $"the page to look at: {Path.Combine(folder, "review.html")}");
        return ExitCodes.Ok;
    }

    private static string Confidence(double c)
    {
        string s = c.ToString("0.00", CultureInfo.InvariantCulture);
        return c < 0.6 ? $"[red]{s}[/]" : c < 0.8 ? $"[yellow]{s}[/]" : s;
    }
}
