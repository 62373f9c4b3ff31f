using ArrowDisambig.Export;

namespace ArrowDisambig.Pipeline;

/// <summary>A page as the invariant check sees it: its source name and how many papers were parsed from it.</summary>
/// <param name="Source">The page's source name, as in the <c>source</c> column.</param>
/// <param name="PaperCount">Papers parsed from the page; they are numbered 1..PaperCount.</param>
public sealed record ParsedPage(string Source, int PaperCount);

/// <summary>
/// The checks every run ends with, on the rows about to be written: each parsed paper appears exactly once in
/// the assignments, and every identity has at least one paper and exactly the papers assigned to it. A
/// violation means the outputs are wrong, so the run fails loudly instead of writing them.
/// </summary>
/// <remarks>
/// Papers are named by (source, paper index), not by paper key: duplicate papers on a page share a key but
/// are separate rows. Identities are named by (source, identity id), the way the outputs name them.
/// </remarks>
public static class RunInvariants
{
    /// <summary>At most this many violations are listed; a broken run could otherwise produce one per paper.</summary>
    public const int MaxReported = 50;

    /// <summary>Checks the rows of a run against its parsed pages.</summary>
    /// <returns>The violations in plain words (at most <see cref="MaxReported"/>, then a count), empty when the outputs can be trusted.</returns>
    public static IReadOnlyList<string> Check(IReadOnlyList<ParsedPage> pages, IReadOnlyList<AssignmentRow> assignments, IReadOnlyList<IdentityRow> identities)
    {
        var tally = new InvariantTally();
        tally.Add(Find(pages, assignments, identities));
        return tally.Violations;
    }

    /// <summary>Every violation of the rows against the pages, uncapped and in a stable order.</summary>
    public static IEnumerable<string> Find(IReadOnlyList<ParsedPage> pages, IReadOnlyList<AssignmentRow> assignments, IReadOnlyList<IdentityRow> identities)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            if (page.PaperCount < 0) yield return $"{page.Source}: a negative paper count ({page.PaperCount})";
            if (!expected.TryAdd(page.Source, page.PaperCount))
                yield return $"{page.Source}: two processed pages have this source name, so their rows cannot be told apart";
        }

        var seen = new Dictionary<(string Source, int Index), int>();
        var perIdentity = new Dictionary<(string Source, string Id), int>();
        foreach (var row in assignments)
        {
            if (!expected.TryGetValue(row.Source, out int count) || row.PaperIndex < 1 || row.PaperIndex > count)
                yield return $"{row.Source}: assignments have a row for paper {row.PaperIndex}, which was not parsed";
            var paper = (row.Source, row.PaperIndex);
            seen[paper] = seen.GetValueOrDefault(paper) + 1;
            if (row.IdentityId.Length == 0) yield return $"{row.Source}: paper {row.PaperIndex} has no identity";
            var id = (row.Source, row.IdentityId);
            perIdentity[id] = perIdentity.GetValueOrDefault(id) + 1;
        }
        foreach (var page in pages)
            for (int p = 1; p <= page.PaperCount; p++)
            {
                int times = seen.GetValueOrDefault((page.Source, p));
                if (times == 0) yield return $"{page.Source}: paper {p} is missing from the assignments";
                else if (times > 1) yield return $"{page.Source}: paper {p} appears {times} times in the assignments";
            }

        var listed = new HashSet<(string Source, string Id)>();
        foreach (var identity in identities)
        {
            var id = (identity.Source, identity.IdentityId);
            if (!listed.Add(id)) yield return $"{identity.Source}: identity {identity.IdentityId} is listed twice";
            if (identity.PaperCount < 1) yield return $"{identity.Source}: identity {identity.IdentityId} has {identity.PaperCount} papers";
            int assigned = perIdentity.GetValueOrDefault(id);
            if (assigned != identity.PaperCount)
                yield return $"{identity.Source}: identity {identity.IdentityId} claims {identity.PaperCount} papers but {assigned} are assigned to it";
        }
        foreach (var id in perIdentity.Keys.Where(k => !listed.Contains(k)).OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal))
            yield return $"{id.Source}: papers are assigned to identity {id.Id}, which is not in the identities";
    }
}

/// <summary>
/// The invariant check of a run that writes page by page: each page's rows are checked when the page is done,
/// and source names across pages, so nothing but the violations is kept.
/// </summary>
public sealed class InvariantTally
{
    private readonly HashSet<string> _sources = new(StringComparer.Ordinal);
    private readonly List<string> _listed = [];
    private int _hidden;

    /// <summary>Whether no violation was found so far.</summary>
    public bool Clean => _listed.Count == 0;

    /// <summary>The violations: at most <see cref="RunInvariants.MaxReported"/>, then how many more.</summary>
    public IReadOnlyList<string> Violations => _hidden > 0 ? [.. _listed, $"... and {_hidden} more"] : _listed;

    /// <summary>Checks one page's rows; <paramref name="more"/> are violations found elsewhere (e.g. decisions not honoured).</summary>
    public void AddPage(ParsedPage page, IReadOnlyList<AssignmentRow> assignments, IReadOnlyList<IdentityRow> identities, IEnumerable<string> more)
    {
        if (!_sources.Add(page.Source))
            Add([$"{page.Source}: two processed pages have this source name, so their rows cannot be told apart"]);
        Add(RunInvariants.Find([page], assignments, identities));
        Add(more);
    }

    /// <summary>Records violations.</summary>
    public void Add(IEnumerable<string> violations)
    {
        foreach (var v in violations)
            if (_listed.Count < RunInvariants.MaxReported) _listed.Add(v);
            else _hidden++;
    }
}
