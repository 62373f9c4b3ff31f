using CsvHelper;
using ArrowDisambig.Review;

namespace ArrowDisambig.Export;

/// <summary>
/// Writes a run's outputs page by page as pages finish: <c>assignments.csv</c>, <c>identities.csv</c>,
/// <c>identities.jsonl</c> and <c>graphs/*.dot</c> are streamed into a <see cref="StagingFolder"/>; the files
/// that need every page (the review queue sorted riskiest first, <c>review.html</c>, the decision ledger) are
/// written by <see cref="Commit"/>, which then moves everything into place. Memory held: one review row per
/// identity and at most <see cref="ReviewHtml.MaxPages"/> rendered HTML sections, never the pages themselves.
/// Not thread-safe: one caller adds pages, in output order.
/// </summary>
public sealed class RunOutputWriter : IDisposable
{
    private readonly StagingFolder _staging;
    private readonly List<(FileStream Stream, IDisposable Writer)> _files = [];
    private readonly CsvWriter _assignments;
    private readonly CsvWriter _identities;
    private readonly StreamWriter _jsonl;
    private readonly List<ReviewRow> _queue = [];
    private readonly ReviewHtmlShortlist _html = new(ReviewHtml.MaxPages);
    private readonly UniqueFileNames _graphNames = new();

    /// <summary>Starts the output files in a staging folder inside <paramref name="outputDir"/>.</summary>
    public RunOutputWriter(string outputDir)
    {
        _staging = new StagingFolder(outputDir);
        try
        {
            _assignments = Csv("assignments.csv", OutputFiles.SpreadsheetCsv);
            _assignments.WriteHeader<AssignmentRow>();
            _identities = Csv("identities.csv", OutputFiles.SpreadsheetCsv);
            _identities.WriteHeader<IdentityRow>();
            var jsonl = Open("identities.jsonl");
            _jsonl = new StreamWriter(jsonl, leaveOpen: true) { NewLine = "\n" };
            _files.Add((jsonl, _jsonl));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Renders the page's <c>review.html</c> section now when it may be shown, so the drawing happens on the
    /// worker that calls this rather than in <see cref="Add"/>. Thread-safe; the output does not depend on it.
    /// </summary>
    public PageOutput Prepare(PageOutput page) =>
        page.Html is null && _html.MightKeep(page.ReviewRows) ? page with { Html = page.RenderHtml() } : page;

    /// <summary>Writes one page's rows; pages must come in output order.</summary>
    public void Add(PageOutput page)
    {
        foreach (var row in page.Assignments) _assignments.WriteRecord(row);
        foreach (var row in page.Identities) _identities.WriteRecord(row);
        foreach (var profile in page.Profiles) _jsonl.WriteLine(IdentityJsonl.Line(profile));
        _queue.AddRange(page.ReviewRows);
        _html.Offer(page.ReviewRows, () => page.Html ?? page.RenderHtml());
        if (page.Dot is not null)
        {
            string name = _graphNames.Next(Path.ChangeExtension(page.Source, null), ".dot");
            // Graphs are per-page views any run re-creates: not worth a disk flush each.
            File.WriteAllText(_staging.PathOf(Path.Combine("graphs", name)), page.Dot);
        }
    }

    /// <summary>
    /// Writes the review queue, <c>review.html</c> and the ledger (when it has entries), flushes every data file
    /// to disk, and moves all of them into the output folder.
    /// </summary>
    /// <param name="ledger">The decision ledger of the run.</param>
    /// <param name="counts">The run's totals, for the header of <c>review.html</c>.</param>
    public void Commit(DecisionLedger ledger, ReviewCounts counts)
    {
        var queue = _queue.Order(ReviewQueue.Riskiest).ToList();
        var review = Csv("review.csv", OutputFiles.SpreadsheetCsv);
        review.WriteRecords(queue);
        var html = Open("review.html");
        var htmlWriter = new StreamWriter(html, leaveOpen: true);
        htmlWriter.Write(ReviewHtml.Document(counts, queue, _html.Pages));
        _files.Add((html, htmlWriter));
        if (ledger.Count > 0) ledger.Write(_staging.Root);
        foreach (var (stream, writer) in _files)
        {
            writer.Dispose();
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }
        _files.Clear();
        _staging.Commit();
    }

    /// <summary>Closes the files and throws away whatever was not committed.</summary>
    public void Dispose()
    {
        foreach (var (stream, writer) in _files)
        {
            try { writer.Dispose(); }
            catch (IOException) { /* the staged file is discarded anyway */ }
            stream.Dispose();
        }
        _files.Clear();
        _staging.Dispose();
    }

    private CsvWriter Csv(string name, CsvWriterOptions options)
    {
        var stream = Open(name);
        var writer = CsvWriter.Create(stream, options, leaveOpen: true);
        _files.Add((stream, writer));
        return writer;
    }

    private FileStream Open(string name) =>
        new(_staging.PathOf(name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
}
