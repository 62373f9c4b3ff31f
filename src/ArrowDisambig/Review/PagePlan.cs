using ArrowDisambig.Clustering;

namespace ArrowDisambig.Review;

/// <summary>A confirmed identity on a page: the papers locked together, with nothing else allowed to join.</summary>
/// <param name="Line">The decision's line in the decisions file.</param>
/// <param name="Papers">0-based indexes of the locked papers on the page, ascending.</param>
public sealed record PageLock(int Line, IReadOnlyList<int> Papers);

/// <summary>A must-link or cannot-link pair of papers (0-based page indexes) and the decision it comes from.</summary>
public readonly record struct DecisionPair(int A, int B, int Line);

/// <summary>
/// What the reviewer decisions mean for one page: the constraints for the clustering stage, the confirmed
/// identities, and everything a reviewer must be told (unknown papers or identities, contradictions).
/// </summary>
public sealed record PagePlan
{
    /// <summary>Pairs of papers that must be in one identity.</summary>
    public IReadOnlyList<DecisionPair> MustLink { get; init; } = [];

    /// <summary>Pairs of papers that must be in different identities.</summary>
    public IReadOnlyList<DecisionPair> CannotLink { get; init; } = [];

    /// <summary>Confirmed identities.</summary>
    public IReadOnlyList<PageLock> Locks { get; init; } = [];

    /// <summary>Problems that do not stop the run (each names the page and the decision's line).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Contradictions between decisions: the page cannot be clustered until the reviewer resolves them.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>Identities named by decisions that were resolved to papers for the first time on this run.</summary>
    public IReadOnlyList<LedgerEntry> Resolved { get; init; } = [];

    /// <summary>Lines of the decisions that are about this page.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];

    /// <summary>Per paper (0-based index), the lines of the decisions that name it, directly or through its identity.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> LinesByPaper { get; init; } = new Dictionary<int, IReadOnlyList<int>>();

    /// <summary>A page no decision is about.</summary>
    public static PagePlan None { get; } = new();

    /// <summary>The constraints in the form the clustering stage takes.</summary>
    public Constraints Constraints => MustLink.Count == 0 && CannotLink.Count == 0
        ? Constraints.None
        : new Constraints(MustLink.Select(p => (p.A, p.B)).ToList(), CannotLink.Select(p => (p.A, p.B)).ToList());

    /// <summary>Every decision pair that a clustering (one label per paper) does not honour; empty when all decisions hold.</summary>
    public IEnumerable<string> Violations(IReadOnlyList<int> labels)
    {
        foreach (var p in MustLink)
            if (labels[p.A] != labels[p.B]) yield return $"line {p.Line}: papers {p.A + 1} and {p.B + 1} should be one identity but are not";
        foreach (var p in CannotLink)
            if (labels[p.A] == labels[p.B]) yield return $"line {p.Line}: papers {p.A + 1} and {p.B + 1} should be different identities but are one";
    }
}
