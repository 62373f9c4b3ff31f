using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Review;

/// <summary>Contradictory decisions: nothing is written until the reviewer resolves them.</summary>
public sealed class DecisionConflictException(string decisionsPath, IReadOnlyList<string> conflicts)
    : ReviewInputException($"{decisionsPath}: contradictory decisions; nothing was written:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", conflicts))
{
    /// <summary>One message per contradiction, naming the page, the papers and the decision lines.</summary>
    public IReadOnlyList<string> Conflicts { get; } = conflicts;
}

/// <summary>
/// The Review stage of one run: the reviewer's decisions and the previous run's output. Per page it plans the
/// constraints before clustering and carries identity ids over after it. Immutable; safe to share across the
/// parallel page workers.
/// </summary>
public sealed class ReviewSession
{
    private ReviewSession(IReadOnlyList<Decision> decisions, string? decisionsPath, PreviousOutput? previous)
    {
        Decisions = decisions;
        DecisionsPath = decisionsPath;
        Previous = previous;
    }

    /// <summary>No decisions and no previous output: ids are the deterministic ones of this run.</summary>
    public static ReviewSession None { get; } = new([], null, null);

    /// <summary>The decisions, in file order.</summary>
    public IReadOnlyList<Decision> Decisions { get; }

    /// <summary>Where the decisions came from, or null.</summary>
    public string? DecisionsPath { get; }

    /// <summary>The previous run's output, or null.</summary>
    public PreviousOutput? Previous { get; }

    /// <summary>
    /// Reads the decisions file (when given) and the previous output: <paramref name="previousFolder"/>, or by
    /// default <paramref name="outputFolder"/> itself when it holds an <c>assignments.csv</c>.
    /// </summary>
    /// <exception cref="ReviewInputException">The decisions file is malformed, or the named previous folder has no run in it.</exception>
    public static ReviewSession Load(string? decisionsPath, string? previousFolder, string outputFolder)
    {
        PreviousOutput? previous;
        if (previousFolder is not null)
            previous = PreviousOutput.Load(previousFolder)
                       ?? throw new ReviewInputException($"{previousFolder}: no assignments.csv of a previous run there (--previous)");
        else previous = PreviousOutput.Load(outputFolder);
        var decisions = decisionsPath is null ? [] : DecisionFile.Read(decisionsPath);
        return new ReviewSession(decisions, decisionsPath is null ? null : Path.GetFullPath(decisionsPath), previous);
    }

    /// <summary>The constraints, locks and warnings of the decisions about <paramref name="page"/>.</summary>
    public PagePlan Plan(ClusterPage page) =>
        Decisions.Count == 0 ? PagePlan.None : DecisionPlanner.Plan(page, Decisions, Previous, Previous?.Ledger ?? DecisionLedger.Empty);

    /// <summary>Carries identity ids over from the previous run and attaches the plan.</summary>
    public ReviewedPage Finish(PageResult result, PagePlan plan)
    {
        var ids = IdentityCarryOver.Assign(result.Page, result.Assignment, Previous?.IdentitiesOf(result.Page.Source));
        return new ReviewedPage(result with { IdentityIds = ids }, plan);
    }

    /// <summary>Warnings for decisions that are about no page of this run, so none is silently ignored.</summary>
    /// <param name="pages">Source and cluster name of every processed page.</param>
    public IEnumerable<string> Unmatched(IReadOnlyCollection<(string Source, string ClusterName)> pages) =>
        Decisions.Where(d => !pages.Any(p => d.AppliesTo(p.Source, p.ClusterName)))
            .Select(d => $"{DecisionsPath}: {d.Describe()}: no processed page of this run has " +
                         (d.Source.Length > 0 ? $"source '{d.Source}'" : $"cluster_name '{d.ClusterName}'") + "; the decision was not applied");

    /// <summary>The ledger to write with this run's outputs: the previous one plus first meanings resolved now.</summary>
    public DecisionLedger NextLedger(IEnumerable<PagePlan> plans) =>
        (Previous?.Ledger ?? DecisionLedger.Empty).With(plans.SelectMany(p => p.Resolved));
}
