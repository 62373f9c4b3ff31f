using ArrowDisambig.Export;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>The end-of-run invariant check, fed good and deliberately broken results.</summary>
public class RunInvariantsTests
{
    private static AssignmentRow Row(string source, int index, string id) => new() { Source = source, PaperIndex = index, IdentityId = id };

    private static IdentityRow Identity(string source, string id, int papers) => new() { Source = source, IdentityId = id, PaperCount = papers };

    private static readonly ParsedPage[] Pages = [new("a.txt", 3), new("b.txt", 1), new("empty.txt", 0)];

    private static List<AssignmentRow> GoodRows() => [Row("a.txt", 1, "id-1"), Row("a.txt", 2, "id-2"), Row("a.txt", 3, "id-1"), Row("b.txt", 1, "id-1")];

    private static List<IdentityRow> GoodIdentities() => [Identity("a.txt", "id-1", 2), Identity("a.txt", "id-2", 1), Identity("b.txt", "id-1", 1)];

    [Test]
    public void Consistent_results_pass() =>
        Assert.That(RunInvariants.Check(Pages, GoodRows(), GoodIdentities()), Is.Empty);

    [Test]
    public void Empty_run_passes() => Assert.That(RunInvariants.Check([], [], []), Is.Empty);

    [Test]
    public void Lost_paper_is_a_violation()
    {
        var rows = GoodRows();
        rows.RemoveAt(1);
        var v = RunInvariants.Check(Pages, rows, [Identity("a.txt", "id-1", 2), Identity("b.txt", "id-1", 1)]);
        Assert.That(v, Is.EqualTo(new[] { "a.txt: paper 2 is missing from the assignments" }));
    }

    [Test]
    public void Duplicated_paper_is_a_violation()
    {
        var rows = GoodRows();
        rows.Add(Row("a.txt", 3, "id-2"));
        var v = RunInvariants.Check(Pages, rows, GoodIdentities());
        Assert.That(v, Does.Contain("a.txt: paper 3 appears 2 times in the assignments"));
        Assert.That(v, Does.Contain("a.txt: identity id-2 claims 1 papers but 2 are assigned to it"));
    }

    [Test]
    public void Row_for_a_paper_that_was_not_parsed_is_a_violation()
    {
        var rows = GoodRows();
        rows.Add(Row("a.txt", 4, "id-1"));
        rows.Add(Row("ghost.txt", 1, "id-9"));
        var v = RunInvariants.Check(Pages, rows, [.. GoodIdentities(), Identity("ghost.txt", "id-9", 1)]);
        Assert.That(v, Does.Contain("a.txt: assignments have a row for paper 4, which was not parsed"));
        Assert.That(v, Does.Contain("ghost.txt: assignments have a row for paper 1, which was not parsed"));
    }

    [Test]
    public void Identity_without_papers_is_a_violation()
    {
        var v = RunInvariants.Check(Pages, GoodRows(), [.. GoodIdentities(), Identity("b.txt", "id-7", 0)]);
        Assert.That(v, Does.Contain("b.txt: identity id-7 has 0 papers"));
    }

    [Test]
    public void Assigned_identity_missing_from_the_identities_is_a_violation()
    {
        var v = RunInvariants.Check(Pages, GoodRows(), [Identity("a.txt", "id-1", 2), Identity("b.txt", "id-1", 1)]);
        Assert.That(v, Is.EqualTo(new[] { "a.txt: papers are assigned to identity id-2, which is not in the identities" }));
    }

    [Test]
    public void Identity_listed_twice_is_a_violation()
    {
        var v = RunInvariants.Check(Pages, GoodRows(), [.. GoodIdentities(), Identity("a.txt", "id-2", 1)]);
        Assert.That(v, Does.Contain("a.txt: identity id-2 is listed twice"));
    }

    [Test]
    public void Paper_without_identity_is_a_violation()
    {
        var rows = GoodRows();
        rows[1].IdentityId = "";
        var v = RunInvariants.Check(Pages, rows, [Identity("a.txt", "id-1", 2), Identity("b.txt", "id-1", 1)]);
        Assert.That(v, Does.Contain("a.txt: paper 2 has no identity"));
    }

    [Test]
    public void Two_pages_with_one_source_name_is_a_violation()
    {
        var v = RunInvariants.Check([.. Pages, new ParsedPage("b.txt", 1)], GoodRows(), GoodIdentities());
        Assert.That(v, Does.Contain("b.txt: two processed pages have this source name, so their rows cannot be told apart"));
    }

    [Test]
    public void Many_violations_are_capped_with_a_count()
    {
        var v = RunInvariants.Check([new ParsedPage("big.txt", 1000)], [], []);
        Assert.That(v, Has.Count.EqualTo(RunInvariants.MaxReported + 1));
        Assert.That(v[^1], Is.EqualTo($"... and {1000 - RunInvariants.MaxReported} more"));
    }
}
