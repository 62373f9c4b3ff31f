using ArrowDisambig.Collections;
using ArrowDisambig.Clustering;
using ArrowDisambig.Parsing;
using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

/// <summary>Decisions → constraints on a synthetic page of 12 papers whose previous identities are given.</summary>
public class DecisionPlannerTests
{
    // Papers 0-3 were identity A, 4-7 identity B, 8-11 identity C in the previous run.
    private static readonly ClusterPage Page = ReviewFixtures.Page(ReviewFixtures.Chemist(12));
    private static string K(int p) => PaperKey.Of(Page.Papers[p]);
    private static readonly PreviousOutput Previous = PreviousOutput.FromRows("prev",
        Enumerable.Range(0, 12).Select(p => new PreviousAssignmentRow { Source = "page.txt", ClusterName = "Jimmy Ba", PaperKey = K(p), IdentityId = "ABC"[p / 4].ToString() }));

    private static Decision D(int line, DecisionAction action, string[] ids, int[] papers) =>
        new(line, "page.txt", "", action, ids, papers.Select(K).ToList(), "", "");

    private static PagePlan Plan(params Decision[] decisions) => DecisionPlanner.Plan(Page, decisions, Previous, DecisionLedger.Empty);

    /// <summary>The partition the constraints force when nothing else joins papers: must-link components.</summary>
    private static int[] Components(PagePlan plan)
    {
        var uf = new UnionFind(12);
        foreach (var p in plan.MustLink) uf.Union(p.A, p.B);
        return Enumerable.Range(0, 12).Select(uf.Find).ToArray();
    }

    private static ClusterAssignment Cluster(PagePlan plan, float everyPair = 0.9f) =>
        Agglomerative.Cluster(12, Enumerable.Range(0, 12).SelectMany(a => Enumerable.Range(a + 1, 11 - a).Select(b => new Affinity(a, b, everyPair))), 0.5, plan.Constraints);

    [Test]
    public void Merge_links_both_identities_and_separate_keeps_them_apart()
    {
        var c = Components(Plan(D(2, DecisionAction.Merge, ["A", "B"], [])));
        Assert.That(Enumerable.Range(0, 8).Select(p => c[p]).Distinct().Count(), Is.EqualTo(1));
        var plan = Plan(D(2, DecisionAction.Separate, ["A", "C"], []));
        var labels = Cluster(plan).Labels;
        Assert.That(Enumerable.Range(0, 4).Select(p => labels[p]), Has.None.AnyOf(Enumerable.Range(8, 4).Select(p => labels[p]).ToArray()));
        Assert.That(plan.Violations(labels), Is.Empty);
    }

    [Test]
    public void Confirm_keeps_its_papers_together_and_everything_else_out_with_a_linear_number_of_pairs()
    {
        var plan = Plan(D(2, DecisionAction.Confirm, ["A"], []));
        Assert.That(plan.Locks.Single().Papers, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(plan.CannotLink, Has.Count.EqualTo(8), "one pair per outside paper, not 4 × 8");
        var labels = Cluster(plan).Labels;   // everything wants to merge at 0.9
        Assert.That(Enumerable.Range(0, 12).Where(p => labels[p] == labels[0]), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void A_later_merge_or_move_into_a_confirmed_identity_grows_the_lock()
    {
        var plan = Plan(D(2, DecisionAction.Confirm, ["A"], []), D(3, DecisionAction.Merge, ["A", "B"], []), D(4, DecisionAction.Move, ["A"], [9]));
        Assert.That(plan.Conflicts, Is.Empty);
        Assert.That(plan.Locks.Single().Papers, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 9 }));
    }

    [Test]
    public void A_later_move_overrides_earlier_rows_about_that_paper()
    {
        // Paper 1 merged into A∪B, then moved to a new person: no contradiction, it leaves the merge.
        var plan = Plan(D(2, DecisionAction.Merge, ["A", "B"], []), D(3, DecisionAction.Move, ["new"], [1]));
        Assert.That(plan.Conflicts, Is.Empty);
        var labels = Cluster(plan).Labels;
        Assert.That(Enumerable.Range(0, 8).Where(p => p != 1).Select(p => labels[p]).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Enumerable.Range(0, 12).Where(p => p != 1 && labels[p] == labels[1]), Is.Empty, "moved to a new person: alone among the papers seen then");
        // Moved twice: the later move wins.
        var twice = Plan(D(2, DecisionAction.Move, ["B"], [1]), D(3, DecisionAction.Move, ["C"], [1]));
        var l2 = Cluster(twice, 0.1f).Labels;
        Assert.That(l2[1], Is.EqualTo(l2[8]));
        Assert.That(l2[1], Is.Not.EqualTo(l2[4]));
    }

    [Test]
    public void Separating_papers_of_a_merged_identity_is_not_a_contradiction_but_inside_a_confirmed_one_it_is()
    {
        var ok = Plan(D(2, DecisionAction.Merge, ["A", "B"], []), D(3, DecisionAction.Separate, [], [0, 4]));
        Assert.That(ok.Conflicts, Is.Empty);
        Assert.That(Cluster(ok).Labels[0], Is.Not.EqualTo(Cluster(ok).Labels[4]));
        var bad = Plan(D(2, DecisionAction.Confirm, ["A"], []), D(5, DecisionAction.Separate, [], [0, 1]));
        Assert.That(bad.Conflicts.Single(), Does.Contain("line 5 (separate) says papers 1").And.Contain("line(s) 2 put them together"));
    }

    [Test]
    public void Contradictions_name_every_line_on_the_chain()
    {
        var plan = Plan(
            D(2, DecisionAction.Merge, [], [0, 5]),
            D(3, DecisionAction.Merge, [], [5, 9]),
            D(4, DecisionAction.Separate, [], [0, 9]));
        Assert.That(plan.Conflicts.Single(), Does.Contain("line 4 (separate)").And.Contain("line(s) 2, 3 put them together"));
    }

    [Test]
    public void Unknown_identities_and_papers_are_warnings_that_name_the_line()
    {
        var plan = Plan(
            D(2, DecisionAction.Merge, ["A", "Z"], []),
            new Decision(3, "page.txt", "", DecisionAction.Separate, [], ["0000000000000000", K(0)], "", ""));
        Assert.That(plan.Warnings, Has.Some.Contains("line 2 (merge): identity Z is unknown (not in"));
        Assert.That(plan.Warnings, Has.Some.Contains("line 3 (separate): paper 0000000000000000 is not on the page"));
        Assert.That(plan.Warnings, Has.Some.Contains("fewer than two"));
    }

    [Test]
    public void First_meanings_come_from_the_ledger_before_the_previous_output()
    {
        var merge = D(2, DecisionAction.Merge, ["A", "B"], []);
        var first = Plan(merge);
        Assert.That(first.Resolved.Select(r => r.IdentityId), Is.EquivalentTo(new[] { "A", "B" }));
        // Next run: A has since absorbed B (the merge was applied), B no longer exists in the previous output.
        var previous2 = PreviousOutput.FromRows("prev2",
            Enumerable.Range(0, 12).Select(p => new PreviousAssignmentRow { Source = "page.txt", ClusterName = "Jimmy Ba", PaperKey = K(p), IdentityId = p < 8 ? "A" : "C" }));
        var ledger = DecisionLedger.Empty.With(first.Resolved);
        var again = DecisionPlanner.Plan(Page, [merge], previous2, ledger);
        Assert.That(again.Warnings, Is.Empty, "B is found in the ledger");
        Assert.That(again.Resolved, Is.Empty);
        var c = Components(again);
        Assert.That(Enumerable.Range(0, 8).Select(p => c[p]).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void The_ledger_round_trips_through_its_file()
    {
        string dir = TestPaths.NewTempDir();
        var ledger = DecisionLedger.Empty.With([new LedgerEntry("f1", 2, "A", [K(0), K(1)]), new LedgerEntry("f1", 2, DecisionLedger.OtherPapers, [K(2)])]);
        ledger.Write(dir);
        var back = DecisionLedger.Load(dir);
        Assert.That(back.PapersOf("f1", "A"), Is.EqualTo(new[] { K(0), K(1) }));
        Assert.That(back.PapersOf("f1", DecisionLedger.OtherPapers), Is.EqualTo(new[] { K(2) }));
        Assert.That(back.With([new LedgerEntry("f1", 7, "A", [K(5)])]).PapersOf("f1", "A"), Is.EqualTo(new[] { K(0), K(1) }), "a first meaning is never replaced");
    }

    [Test]
    public void Decisions_about_other_pages_are_ignored_here()
    {
        var other = new Decision(2, "other.txt", "", DecisionAction.Confirm, ["A"], [], "", "");
        var byName = new Decision(3, "", "jimmy ba", DecisionAction.Confirm, ["A"], [], "", "");
        Assert.That(DecisionPlanner.Plan(Page, [other], Previous, DecisionLedger.Empty), Is.SameAs(PagePlan.None));
        Assert.That(DecisionPlanner.Plan(Page, [byName], Previous, DecisionLedger.Empty).Locks, Has.Count.EqualTo(1), "cluster names match folded");
    }
}
