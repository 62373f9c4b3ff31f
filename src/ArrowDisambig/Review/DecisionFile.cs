using CsvHelper;

namespace ArrowDisambig.Review;

/// <summary>Review inputs (decisions, previous output) that cannot be used; the run stops before writing anything.</summary>
public class ReviewInputException(string message) : Exception(message);

/// <summary>A decisions file that cannot be used: every problem found, each naming its line.</summary>
public sealed class DecisionFileException(string path, IReadOnlyList<string> problems)
    : ReviewInputException($"{path}: {problems.Count} problem(s) in the decisions file:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    /// <summary>The problems, each starting with <c>line N:</c>.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads the reviewer-owned <c>decisions.csv</c>. The pipeline only ever reads it: the reviewer's file is the
/// record of what people decided, so it is never rewritten, sorted or cleaned up by a run.
/// </summary>
public static class DecisionFile
{
    private static readonly char[] Separators = [' ', ',', ';', '\t', '\n', '\r'];

    /// <summary>Reads and validates every row; a malformed row is an error, never skipped.</summary>
    /// <exception cref="DecisionFileException">The file is missing, not CSV, or has rows that cannot be applied.</exception>
    public static IReadOnlyList<Decision> Read(string path)
    {
        if (!File.Exists(path)) throw new DecisionFileException(path, ["file not found"]);
        var decisions = new List<Decision>();
        var problems = new List<string>();
        try
        {
            using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',', TrackLineNumbers = true });
            foreach (var row in reader.GetRecords<DecisionRow>())
            {
                int line = checked((int)reader.LineNumber);
                if (IsBlank(row)) continue;
                var d = Validate(row, line, out var problem);
                if (d is not null) decisions.Add(d);
                else problems.Add($"line {line}: {problem}");
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(e.LineNumber > 0 ? $"line {e.LineNumber}: {e.Message}" : e.Message);
        }
        catch (IOException e) { problems.Add($"cannot read: {e.Message}"); }
        if (problems.Count > 0) throw new DecisionFileException(path, problems);
        return decisions;
    }

    /// <summary>Checks one row: a known action that names what that action needs.</summary>
    public static Decision? Validate(DecisionRow row, int line, out string problem)
    {
        problem = "";
        string source = row.Source.Trim(), cluster = row.ClusterName.Trim();
        if (source.Length == 0 && cluster.Length == 0) { problem = "needs a source or a cluster_name to say which page it is about"; return null; }
        DecisionAction? parsed = row.Action.Trim().ToLowerInvariant() switch
        {
            "confirm" => DecisionAction.Confirm,
            "merge" => DecisionAction.Merge,
            "move" => DecisionAction.Move,
            "separate" => DecisionAction.Separate,
            _ => null,
        };
        if (parsed is not { } action)
        {
            problem = $"unknown action '{row.Action.Trim()}' (expected confirm, merge, move or separate)";
            return null;
        }
        var ids = Split(row.IdentityIds).ToList();
        var keys = Split(row.PaperKeys).Select(k => k.ToLowerInvariant()).ToList();
        var badKeys = keys.Where(k => k.Length != 16 || !k.All(char.IsAsciiHexDigit)).ToList();
        if (badKeys.Count > 0) { problem = $"not a paper key (16 hex digits, as in assignments.csv): {string.Join(", ", badKeys)}"; return null; }
        var twice = ids.Concat(keys).GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) { problem = $"names {string.Join(", ", twice)} more than once"; return null; }
        bool namesNew = ids.Contains(Decision.NewPerson, StringComparer.OrdinalIgnoreCase);
        ids = ids.Select(i => i.Equals(Decision.NewPerson, StringComparison.OrdinalIgnoreCase) ? Decision.NewPerson : i).ToList();
        problem = action switch
        {
            DecisionAction.Confirm when ids.Count != 1 || keys.Count > 0 || namesNew => "confirm names exactly one identity_id and no paper_keys",
            DecisionAction.Merge when ids.Count + keys.Count < 2 || namesNew => "merge names at least two identities or papers (identity_ids, paper_keys)",
            DecisionAction.Move when keys.Count == 0 || ids.Count != 1 => "move names the paper_keys to move and one identity_id to move them to (or 'new' for a new person)",
            DecisionAction.Separate when ids.Count + keys.Count < 2 || namesNew => "separate names at least two identities or papers that are different people",
            _ => "",
        };
        if (problem.Length > 0) return null;
        return new Decision(line, source, cluster, action, ids, keys, row.Reviewer.Trim(), row.Date.Trim());
    }

    private static IEnumerable<string> Split(string s) =>
        s.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            // A spreadsheet may have kept the quote that review.csv put before a formula-like cell.
            .Select(t => t.TrimStart('\''))
            .Where(t => t.Length > 0);

    private static bool IsBlank(DecisionRow r) =>
        string.IsNullOrWhiteSpace(r.Action) && string.IsNullOrWhiteSpace(r.Source) && string.IsNullOrWhiteSpace(r.ClusterName)
        && string.IsNullOrWhiteSpace(r.IdentityIds) && string.IsNullOrWhiteSpace(r.PaperKeys);
}
