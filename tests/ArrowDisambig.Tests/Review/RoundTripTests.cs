using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

/// <summary>
/// The issue's "done when": run → add decisions (merge, move, separate, confirm) → rerun on the same page
/// grown by 5 papers and shuffled → every decision holds and untouched identities keep their ids.
/// </summary>
public class RoundTripTests
{
    private static BatchRunner Runner(ReviewSession review)
    {
        var def = ReviewFixtures.SplittingPipeline();
        var (processor, model) = ScorerFactory.Create(def);
        return new BatchRunner(processor, def, model) { Review = review };
    }

    private static Dictionary<string, List<string>> PapersById(Dictionary<string, string> idsByKey) =>
        idsByKey.GroupBy(x => x.Value).ToDictionary(g => g.Key, g => g.Select(x => x.Key).Order(StringComparer.Ordinal).ToList());

    [Test]
    public void Decisions_hold_and_untouched_ids_survive_a_grown_shuffled_rerun()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        var run1Papers = ReviewFixtures.FourPeople();
        string page = ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", run1Papers);

        // Run 1: no decisions, no previous output.
        var s1 = Runner(ReviewSession.Load(null, null, outDir)).Run([page], outDir);
        Assert.That(s1.ExitCode, Is.EqualTo(ExitCodes.Ok));
        var ids1 = ReviewFixtures.IdsByKey(outDir);
        var members1 = PapersById(ids1);
        string Key(Paper p) => PaperKey.Of(p);
        var seedKeys = ReviewFixtures.Seed().Papers.Select(Key).ToHashSet();
        var chem = ReviewFixtures.Chemist(10).Select(Key).ToList();
        var bot = ReviewFixtures.Botanist(8).Select(Key).ToList();
        var econ = ReviewFixtures.Economist(6).Select(Key).ToList();
        string chemId = ids1[chem[0]], botId = ids1[bot[0]], econId = ids1[econ[0]];
        var mlIds = members1.Where(x => x.Value.All(seedKeys.Contains)).OrderByDescending(x => x.Value.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList();
        Assert.That(new[] { chemId, botId, econId }.Distinct().Count(), Is.EqualTo(3), "fixture: the three synthetic people are proposed apart");
        Assert.That(members1[econId], Is.EquivalentTo(econ), "fixture: the economist is one identity");
        Assert.That(mlIds, Has.Count.GreaterThanOrEqualTo(2), "fixture: the seed's papers are proposed as several identities");
        Assert.That(members1[mlIds[0]], Has.Count.GreaterThanOrEqualTo(4), "fixture: a machine-learning identity with at least four papers");

        // The decisions: merge two people, move a paper to a new person and one into another identity (an
        // oversplit fixed), separate two papers, confirm a person.
        string ml1 = mlIds[0], ml2 = mlIds[1];
        string m = chem[0];                        // to a new person
        string q = members1[ml2][0];               // from the second machine-learning fragment into the first
        string x = bot[0], y = bot[1];             // different people
        string decisions = ReviewFixtures.WriteDecisions(inDir,
            ["jimmy-ba.txt", "Jimmy Ba", "merge", $"{chemId} {botId}", "", "ann", "2026-11-01", "same lab, changed field"],
            ["jimmy-ba.txt", "", "move", "new", m, "ann", "2026-11-01", "a different Jimmy Ba"],
            ["", "Jimmy Ba", "move", ml1, q, "bob", "2026-11-02", "same co-authors"],
            ["jimmy-ba.txt", "Jimmy Ba", "separate", "", $"{x} {y}", "bob", "2026-11-02", "different people"],
            ["jimmy-ba.txt", "Jimmy Ba", "confirm", econId, "", "ann", "2026-11-03", "checked"]);
        string decisionsBefore = File.ReadAllText(decisions);

        // Run 2: five new papers, shuffled page, the decisions, previous = the output folder itself (default).
        var added = new List<Paper>([.. ReviewFixtures.Chemist(2, from: 10), .. ReviewFixtures.Economist(1, from: 6), .. ReviewFixtures.MachineLearner(2)]);
        var run2Papers = ReviewFixtures.Shuffle(run1Papers.Concat(added), seed: 7);
        Assert.That(run2Papers.Take(10).Select(Key), Is.Not.EqualTo(run1Papers.Take(10).Select(Key)), "fixture: the page is reordered");
        ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", run2Papers);
        var s2 = Runner(ReviewSession.Load(decisions, null, outDir)).Run([page], outDir);
        Assert.That(s2.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(s2.Papers, Is.EqualTo(run1Papers.Count + 5));
        Assert.That(s2.Warnings, Is.Empty, "no decision names an unknown paper or identity");
        Assert.That(File.ReadAllText(decisions), Is.EqualTo(decisionsBefore), "the reviewer's file is never rewritten");
        var ids2 = ReviewFixtures.IdsByKey(outDir);
        var members2 = PapersById(ids2);

        // merge: the chemist's and the botanist's papers are one identity (less the papers moved or separated).
        Assert.That(members1[chemId].Concat(members1[botId]).Except([m, x, y]).Select(k => ids2[k]).Distinct().Count(), Is.EqualTo(1), "merge holds");
        // move to new: no other paper of the first run shares m's identity.
        Assert.That(members2[ids2[m]].Where(k => ids1.ContainsKey(k) && k != m), Is.Empty, "move to a new person holds");
        // move into an identity: q is with the first machine-learning identity, which kept its id.
        Assert.That(members1[ml1].Append(q).Select(k => ids2[k]).Distinct(), Is.EqualTo(new[] { ml1 }), "move into an identity holds; its id is kept");
        // separate: x and y are different people.
        Assert.That(ids2[x], Is.Not.EqualTo(ids2[y]), "separate holds");
        // confirm: the economist's papers stay exactly together under their id; the new economics paper did not join.
        Assert.That(members2[econId], Is.EquivalentTo(econ), "confirm holds: nothing joined the confirmed identity");
        var identities = ReviewFixtures.Read<IdentityRow>(Path.Combine(outDir, "identities.csv"));
        Assert.That(identities.Single(i => i.IdentityId == econId).Status, Is.EqualTo(IdentityStatus.Confirmed));
        Assert.That(identities.Where(i => i.IdentityId != econId).Select(i => i.Status), Is.All.EqualTo(IdentityStatus.Proposed));

        // Untouched identities (named by no decision, no paper named) keep their id and their papers.
        var named = new HashSet<string> { chemId, botId, econId, ml1, ids1[m], ids1[q], ids1[x], ids1[y] };
        var untouched = members1.Keys.Where(id => !named.Contains(id)).ToList();
        Assert.That(untouched, Is.Not.Empty, "fixture: some identities are untouched");
        foreach (var id in untouched)
        {
            Assert.That(members2.ContainsKey(id), Is.True, $"untouched identity {id} kept its id; its papers {string.Join(",", members1[id])} went to {string.Join(",", members1[id].Select(k => ids2[k] + "(" + members2[ids2[k]].Count + ")"))}; run1 {string.Join(" ", members1.Select(x => x.Key + ":" + x.Value.Count))}; run2 {string.Join(" ", members2.Select(x => x.Key + ":" + x.Value.Count))}");
            Assert.That(members2[id], Is.SupersetOf(members1[id]), $"untouched identity {id} kept its papers");
        }

        // A third run with the same input and decisions changes nothing: ids are stable once carried over.
        var s3 = Runner(ReviewSession.Load(decisions, null, outDir)).Run([page], outDir);
        Assert.That(s3.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(ReviewFixtures.IdsByKey(outDir), Is.EquivalentTo(ids2));
    }

    [Test]
    public void A_merge_and_a_separate_of_the_same_identities_stop_the_run_and_name_both_lines()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        string page = ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", ReviewFixtures.FourPeople());
        Runner(ReviewSession.Load(null, null, outDir)).Run([page], outDir);
        var ids = ReviewFixtures.IdsByKey(outDir);
        string chemId = ids[PaperKey.Of(ReviewFixtures.Chemist(1)[0])], botId = ids[PaperKey.Of(ReviewFixtures.Botanist(1)[0])];
        string before = File.ReadAllText(Path.Combine(outDir, "assignments.csv"));
        string decisions = ReviewFixtures.WriteDecisions(inDir,
            ["jimmy-ba.txt", "Jimmy Ba", "merge", $"{chemId} {botId}", "", "ann", "2026-11-01", ""],
            ["jimmy-ba.txt", "Jimmy Ba", "separate", $"{botId} {chemId}", "", "bob", "2026-11-02", ""]);

        var e = Assert.Throws<DecisionConflictException>(() => Runner(ReviewSession.Load(decisions, null, outDir)).Run([page], outDir));
        Assert.That(e!.Message, Does.Contain("line 3 (separate)").And.Contain("line(s) 2 put them together"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "assignments.csv")), Is.EqualTo(before), "nothing was written");
    }

    [Test]
    public void Unknown_papers_and_identities_are_warnings_in_run_json_naming_the_lines()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        string page = ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", ReviewFixtures.FourPeople());
        Runner(ReviewSession.Load(null, null, outDir)).Run([page], outDir);
        string decisions = ReviewFixtures.WriteDecisions(inDir,
            ["jimmy-ba.txt", "Jimmy Ba", "confirm", "id-000000000000", "", "ann", "", ""],
            ["jimmy-ba.txt", "Jimmy Ba", "separate", "", "0123456789abcdef fedcba9876543210", "ann", "", ""],
            ["other.txt", "", "merge", "id-a id-b", "", "ann", "", ""]);
        var summary = Runner(ReviewSession.Load(decisions, null, outDir)).Run([page], outDir);
        Assert.That(summary.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(summary.Warnings, Has.Some.Contains("line 2 (confirm): identity id-000000000000 is unknown"));
        Assert.That(summary.Warnings, Has.Some.Contains("line 3 (separate): paper 0123456789abcdef is not on the page"));
        Assert.That(summary.Warnings, Has.Some.Contains("line 4 (merge): no processed page of this run has source 'other.txt'"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "run.json")), Does.Contain("id-000000000000 is unknown"));
    }

    [Test]
    public void Confirm_on_the_seed_locks_its_papers_against_new_ones_with_the_learned_model()
    {
        string inDir = TestPaths.NewTempDir(), outDir = TestPaths.NewTempDir();
        var seed = ReviewFixtures.Seed().Papers;
        string page = ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", seed);
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        new BatchRunner(processor, def, model).Run([page], outDir);
        var ids1 = ReviewFixtures.IdsByKey(outDir);
        string id = ids1.Values.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
        string decisions = ReviewFixtures.WriteDecisions(inDir, ["jimmy-ba.txt", "Jimmy Ba", "confirm", id, "", "ann", "2026-11-01", ""]);

        var added = ReviewFixtures.MachineLearner(3);
        ReviewFixtures.WritePage(inDir, "jimmy-ba.txt", [.. added, .. seed]);
        new BatchRunner(processor, def, model) { Review = ReviewSession.Load(decisions, null, outDir) }.Run([page], outDir);
        var ids2 = ReviewFixtures.IdsByKey(outDir);
        var locked = ids1.Where(x => x.Value == id).Select(x => x.Key).ToList();
        Assert.That(locked.Select(k => ids2[k]).Distinct(), Is.EqualTo(new[] { id }), "the confirmed identity keeps its papers and id");
        Assert.That(added.Select(p => ids2[PaperKey.Of(p)]), Has.None.EqualTo(id), "new papers do not join a confirmed identity");
        var review = ReviewFixtures.Read<ReviewRow>(Path.Combine(outDir, "review.csv"));
        Assert.That(review.Last().IdentityId, Is.EqualTo(id), "confirmed identities sort after the proposals");
        Assert.That(review.Last().Status, Is.EqualTo(IdentityStatus.Confirmed));
        Assert.That(review.Last().Decisions, Is.EqualTo("line 2"));
    }
}
