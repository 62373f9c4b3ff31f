using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Review;

/// <summary>The review status of an identity.</summary>
public static class IdentityStatus
{
    /// <summary>Proposed by the pipeline; nobody has confirmed it.</summary>
    public const string Proposed = "proposed";
    /// <summary>Locked by a reviewer's <c>confirm</c>.</summary>
    public const string Confirmed = "confirmed";
}

/// <summary>A processed page with its (carried-over) identity ids and the decisions that shaped it.</summary>
public sealed class ReviewedPage
{
    private readonly HashSet<string> _confirmed;
    private readonly Dictionary<string, IReadOnlyList<int>> _lines;

    /// <summary>Wraps a page result whose <see cref="PageResult.IdentityIds"/> are final.</summary>
    public ReviewedPage(PageResult result, PagePlan plan)
    {
        Result = result;
        Plan = plan;
        // A lock's papers are one identity (the clustering enforces it); that identity is confirmed.
        _confirmed = plan.Locks.Where(l => l.Papers.Count > 0).Select(l => result.IdentityIds[l.Papers[0]]).ToHashSet(StringComparer.Ordinal);
        _lines = plan.LinesByPaper.GroupBy(x => result.IdentityIds[x.Key])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.SelectMany(x => x.Value).Distinct().Order().ToList(), StringComparer.Ordinal);
    }

    /// <summary>The page result.</summary>
    public PageResult Result { get; }

    /// <summary>The decisions' constraints and locks for this page.</summary>
    public PagePlan Plan { get; }

    /// <summary><see cref="IdentityStatus.Confirmed"/> or <see cref="IdentityStatus.Proposed"/>.</summary>
    public string StatusOf(string identityId) => _confirmed.Contains(identityId) ? IdentityStatus.Confirmed : IdentityStatus.Proposed;

    /// <summary>Decisions the clustering does not honour (always empty unless a stage is broken): for the run's invariant check.</summary>
    public IEnumerable<string> Violations() => Plan.Violations(Result.Assignment.Labels).Select(v => $"{Result.Page.Source}: decisions {v}");

    /// <summary>Lines of the decisions that name papers of the identity (directly or through an identity id).</summary>
    public IReadOnlyList<int> DecisionLinesOf(string identityId) => _lines.GetValueOrDefault(identityId) ?? [];
}
