using ArrowDisambig.Review;

namespace ArrowDisambig.Tests.Review;

public class DecisionFileTests
{
    private static string Write(string text)
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "decisions.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Rows_are_read_with_their_line_numbers_and_separators_of_any_kind()
    {
        string path = Write("""
            source,cluster_name,action,identity_ids,paper_keys,reviewer,date,note
            p.txt,Jimmy Ba,Merge,"id-aaa; id-bbb",,ann,2026-11-01,"a note, with a comma"

            ,Jimmy Ba,move,NEW,"0123456789ABCDEF,fedcba9876543210",bob,,
            p.txt,,separate,id-aaa,'0123456789abcdef,,,
            p.txt,,confirm,id-ccc,,,,
            """);
        var d = DecisionFile.Read(path);
        Assert.That(d.Select(x => x.Line), Is.EqualTo(new[] { 2, 4, 5, 6 }));
        Assert.That(d[0].Action, Is.EqualTo(DecisionAction.Merge));
        Assert.That(d[0].IdentityIds, Is.EqualTo(new[] { "id-aaa", "id-bbb" }));
        Assert.That(d[1].ToNewPerson, Is.True);
        Assert.That(d[1].PaperKeys, Is.EqualTo(new[] { "0123456789abcdef", "fedcba9876543210" }));
        Assert.That(d[2].PaperKeys, Is.EqualTo(new[] { "0123456789abcdef" }), "a spreadsheet's leading quote is dropped");
        Assert.That(d[3].Action, Is.EqualTo(DecisionAction.Confirm));
    }

    [Test]
    public void Singular_column_names_are_accepted()
    {
        string path = Write("source,action,identity_id,paper_key\np.txt,move,id-x,0123456789abcdef\n");
        Assert.That(DecisionFile.Read(path).Single().IdentityIds, Is.EqualTo(new[] { "id-x" }));
    }

    [Test]
    public void Every_malformed_row_is_an_error_naming_its_line()
    {
        string path = Write("""
            source,cluster_name,action,identity_ids,paper_keys
            p.txt,,approve,id-a,
            ,,merge,id-a id-b,
            p.txt,,confirm,id-a id-b,
            p.txt,,merge,id-a,
            p.txt,,move,id-a,
            p.txt,,move,,0123456789abcdef
            p.txt,,separate,new id-a,
            p.txt,,separate,,not-a-key xyz
            p.txt,,separate,,0123456789abcdef 0123456789ABCDEF
            p.txt,,confirm,id-a,
            """);
        var e = Assert.Throws<DecisionFileException>(() => DecisionFile.Read(path))!;
        Assert.That(e.Problems, Has.Count.EqualTo(9));
        Assert.That(e.Problems[0], Does.StartWith("line 2: unknown action 'approve'"));
        Assert.That(e.Problems[1], Does.StartWith("line 3: needs a source or a cluster_name"));
        Assert.That(e.Problems[2], Does.StartWith("line 4: confirm names exactly one identity_id"));
        Assert.That(e.Problems[3], Does.StartWith("line 5: merge names at least two"));
        Assert.That(e.Problems[4], Does.StartWith("line 6: move names the paper_keys"));
        Assert.That(e.Problems[5], Does.StartWith("line 7: move names the paper_keys"));
        Assert.That(e.Problems[6], Does.StartWith("line 8: separate names at least two"));
        Assert.That(e.Problems[7], Does.StartWith("line 9: not a paper key"));
        Assert.That(e.Problems[8], Does.StartWith("line 10: names 0123456789abcdef more than once"));
        Assert.That(e.Message, Does.Contain("9 problem(s)"));
    }

    [Test]
    public void A_missing_file_is_an_error()
    {
        var e = Assert.Throws<DecisionFileException>(() => DecisionFile.Read(Path.Combine(TestPaths.NewTempDir(), "none.csv")))!;
        Assert.That(e.Message, Does.Contain("file not found"));
    }

    [Test]
    public void The_fingerprint_ignores_line_and_note_but_not_what_was_decided()
    {
        var a = new Decision(2, "p.txt", "Jimmy Ba", DecisionAction.Merge, ["id-a", "id-b"], [], "ann", "2026-11-01");
        Assert.That((a with { Line = 9 }).Fingerprint, Is.EqualTo(a.Fingerprint));
        Assert.That((a with { ClusterName = "JIMMY BA" }).Fingerprint, Is.EqualTo(a.Fingerprint));
        Assert.That((a with { IdentityIds = ["id-a", "id-c"] }).Fingerprint, Is.Not.EqualTo(a.Fingerprint));
        Assert.That((a with { Action = DecisionAction.Separate }).Fingerprint, Is.Not.EqualTo(a.Fingerprint));
    }
}
