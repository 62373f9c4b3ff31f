using ArrowDisambig.Export;
using CsvHelper;

namespace ArrowDisambig.Review;

/// <summary>One row of <c>decisions-resolved.csv</c>: a paper that an identity named by a decision held when the decision was first applied.</summary>
[CsvRecord]
public sealed partial class LedgerRow
{
    /// <summary>The decision's <see cref="Decision.Fingerprint"/>.</summary>
    [CsvColumn("decision")] public string Decision { get; set; } = "";
    /// <summary>Line of the decision in the decisions file when it was first applied (for people; not used to match).</summary>
    [CsvColumn("line")] public int Line { get; set; }
    /// <summary>The identity id the decision names, or <see cref="DecisionLedger.OtherPapers"/>.</summary>
    [CsvColumn("identity_id")] public string IdentityId { get; set; } = "";
    /// <summary>One paper key of that identity at the time.</summary>
    [CsvColumn("paper_key")] public string PaperKey { get; set; } = "";
}

/// <summary>
/// What each decision meant when it was first applied: the papers of every identity it names. Identities change
/// as decisions are applied (a merged-away id disappears, a confirmed one grows by later merges), so a decision
/// resolved again on a later run would mean something else; the ledger keeps its first meaning. It is written
/// by the pipeline into the output folder, next to the outputs, and never into the reviewer's decisions file.
/// </summary>
public sealed class DecisionLedger
{
    /// <summary>File name in the output folder.</summary>
    public const string FileName = "decisions-resolved.csv";

    /// <summary>Pseudo identity of a move to a new person: every other paper of the page at the time.</summary>
    public const string OtherPapers = "*others*";

    private readonly Dictionary<(string Decision, string Identity), IReadOnlyList<string>> _papers;
    private readonly Dictionary<(string Decision, string Identity), int> _lines;

    private DecisionLedger(Dictionary<(string, string), IReadOnlyList<string>> papers, Dictionary<(string, string), int> lines)
    {
        _papers = papers;
        _lines = lines;
    }

    /// <summary>No decisions resolved yet.</summary>
    public static DecisionLedger Empty { get; } = new(new(), new());

    /// <summary>Number of (decision, identity) entries.</summary>
    public int Count => _papers.Count;

    /// <summary>Reads <see cref="FileName"/> from <paramref name="folder"/>; empty when there is none.</summary>
    public static DecisionLedger Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return Empty;
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var papers = new Dictionary<(string, string), List<string>>();
        var lines = new Dictionary<(string, string), int>();
        foreach (var row in reader.GetRecords<LedgerRow>())
        {
            var k = (row.Decision, row.IdentityId);
            if (!papers.TryGetValue(k, out var list)) papers[k] = list = new();
            list.Add(row.PaperKey);
            lines[k] = row.Line;
        }
        return new(papers.ToDictionary(x => x.Key, x => (IReadOnlyList<string>)x.Value), lines);
    }

    /// <summary>The papers <paramref name="identity"/> meant to the decision with this fingerprint, when recorded.</summary>
    public IReadOnlyList<string>? PapersOf(string decision, string identity) => _papers.GetValueOrDefault((decision, identity));

    /// <summary>A ledger with the entries of both; entries already here win, so a first meaning is never replaced.</summary>
    public DecisionLedger With(IEnumerable<LedgerEntry> entries)
    {
        var papers = new Dictionary<(string, string), IReadOnlyList<string>>(_papers);
        var lines = new Dictionary<(string, string), int>(_lines);
        foreach (var e in entries)
            if (papers.TryAdd((e.Decision, e.IdentityId), e.PaperKeys)) lines[(e.Decision, e.IdentityId)] = e.Line;
        return new(papers, lines);
    }

    /// <summary>Writes the ledger (atomically) into <paramref name="folder"/>.</summary>
    public void Write(string folder) =>
        OutputFiles.WriteCsv(Path.Combine(folder, FileName),
            _papers.OrderBy(x => x.Key.Decision, StringComparer.Ordinal).ThenBy(x => x.Key.Identity, StringComparer.Ordinal)
                .SelectMany(x => x.Value.Select(k => new LedgerRow { Decision = x.Key.Decision, Line = _lines[x.Key], IdentityId = x.Key.Identity, PaperKey = k })),
            OutputFiles.MachineCsv);
}

/// <summary>The papers an identity named by a decision held when the decision was first applied.</summary>
public sealed record LedgerEntry(string Decision, int Line, string IdentityId, IReadOnlyList<string> PaperKeys);
