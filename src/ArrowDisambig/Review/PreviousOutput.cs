using ArrowDisambig.Names;
using CsvHelper;

namespace ArrowDisambig.Review;

/// <summary>The columns of a previous run's <c>assignments.csv</c> that carry identities over.</summary>
[CsvRecord]
public sealed partial class PreviousAssignmentRow
{
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("paper_key")] public string PaperKey { get; set; } = "";
    [CsvColumn("cluster_name")] public string ClusterName { get; set; } = "";
    [CsvColumn("identity_id")] public string IdentityId { get; set; } = "";
}

/// <summary>
/// What an earlier run left in its output folder: which identity each paper was in, and what each decision
/// meant when it was first applied. Read before the new run writes anything, so the output folder can be its
/// own previous run.
/// </summary>
public sealed class PreviousOutput
{
    private readonly Dictionary<string, Dictionary<string, string>> _idByKeyBySource;
    private readonly ILookup<string, PreviousAssignmentRow> _bySource;
    private readonly ILookup<string, PreviousAssignmentRow> _byFoldedName;

    private PreviousOutput(string folder, List<PreviousAssignmentRow> rows, DecisionLedger ledger)
    {
        Folder = folder;
        // Decisions name a page by source or by cluster name; index both so a lookup reads one page's rows.
        _bySource = rows.ToLookup(r => r.Source, StringComparer.Ordinal);
        _byFoldedName = rows.ToLookup(r => TextFold.Fold(r.ClusterName), StringComparer.Ordinal);
        Ledger = ledger;
        _idByKeyBySource = new(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!_idByKeyBySource.TryGetValue(r.Source, out var map)) _idByKeyBySource[r.Source] = map = new(StringComparer.Ordinal);
            // Duplicate papers share a key; the first one stands for both.
            map.TryAdd(r.PaperKey, r.IdentityId);
        }
    }

    /// <summary>The folder read.</summary>
    public string Folder { get; }

    /// <summary>The decisions as first applied (empty when the folder has no ledger).</summary>
    public DecisionLedger Ledger { get; }

    /// <summary>Reads <c>assignments.csv</c> and the decision ledger of <paramref name="folder"/>; null when it has no <c>assignments.csv</c>.</summary>
    /// <exception cref="DecisionFileException">The previous files exist but cannot be read.</exception>
    public static PreviousOutput? Load(string folder)
    {
        string path = Path.Combine(folder, "assignments.csv");
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
            var rows = reader.GetRecords<PreviousAssignmentRow>().ToList();
            return new PreviousOutput(Path.GetFullPath(folder), rows, DecisionLedger.Load(folder));
        }
        catch (CsvFormatException e) { throw new DecisionFileException(path, [$"the previous output cannot be read: {e.Message}"]); }
    }

    /// <summary>A previous output from rows already in memory (for programs and tests).</summary>
    public static PreviousOutput FromRows(string folder, IEnumerable<PreviousAssignmentRow> rows, DecisionLedger? ledger = null) =>
        new(folder, rows.ToList(), ledger ?? DecisionLedger.Empty);

    /// <summary>Paper key → identity id of the previous run's page <paramref name="source"/>; null when that page was not in it.</summary>
    public IReadOnlyDictionary<string, string>? IdentitiesOf(string source) => _idByKeyBySource.GetValueOrDefault(source);

    /// <summary>Paper keys the previous run gave to <paramref name="identityId"/> on the pages <paramref name="decision"/> is about.</summary>
    public IReadOnlyList<string> PapersOf(string identityId, Decision decision) =>
        RowsFor(decision).Where(r => r.IdentityId == identityId).Select(r => r.PaperKey).Distinct().ToList();

    /// <summary>Every paper key of the pages <paramref name="decision"/> is about, in the previous run.</summary>
    public IReadOnlyList<string> PagePapers(Decision decision) =>
        RowsFor(decision).Select(r => r.PaperKey).Distinct().ToList();

    private IEnumerable<PreviousAssignmentRow> RowsFor(Decision decision) =>
        (decision.Source.Length > 0 ? _bySource[decision.Source] : _byFoldedName[TextFold.Fold(decision.ClusterName)])
        .Where(r => decision.AppliesTo(r.Source, r.ClusterName));
}
