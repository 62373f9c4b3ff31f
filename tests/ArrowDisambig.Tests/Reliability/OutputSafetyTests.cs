using System.Text;
using ArrowDisambig.Export;
using ArrowDisambig.Pipeline;
using CsvHelper;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>Outputs: atomic, locked against a second run, never outside --output, safe to open in a spreadsheet.</summary>
public class OutputSafetyTests
{
    private static string WritePage(TempDir t, string name, string text)
    {
        string path = Path.Combine(t.Sub("in"), name);
        File.WriteAllBytes(path, PageBuilder.Utf8(text));
        return path;
    }

    private static string[] TempFiles(string dir) => Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories);

    [Test]
    public void Failing_writer_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        using var t = new TempDir();
        string path = Path.Combine(t.Path, "assignments.csv");
        File.WriteAllText(path, "previous content\n");
        Assert.Throws<IOException>(() => OutputFiles.Atomic(path, s =>
        {
            s.Write(Encoding.UTF8.GetBytes("half a fi"));
            throw new IOException("disk full");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("previous content\n"));
        Assert.That(TempFiles(t.Path), Is.Empty);
    }

    [Test]
    public void Csv_whose_rows_fail_midway_leaves_the_previous_file_intact()
    {
        using var t = new TempDir();
        string path = Path.Combine(t.Path, "identities.csv");
        File.WriteAllText(path, "previous content\n");
        IEnumerable<IdentityRow> Rows()
        {
            for (int i = 0; i < 10_000; i++) yield return new IdentityRow { IdentityId = $"id-{i}", PaperCount = 1 };
            throw new InvalidOperationException("interrupted");
        }
        Assert.Throws<InvalidOperationException>(() => OutputFiles.WriteCsv(path, Rows(), OutputFiles.SpreadsheetCsv));
        Assert.That(File.ReadAllText(path), Is.EqualTo("previous content\n"));
        Assert.That(TempFiles(t.Path), Is.Empty);
    }

    [Test]
    public void Temporary_files_of_a_killed_run_are_removed_and_nothing_else()
    {
        using var t = new TempDir();
        string output = t.Sub("out");
        string graphs = t.Sub("out/graphs");
        string abandoned = Path.Combine(output, $".assignments.csv.4242.{Guid.NewGuid():N}.tmp");
        string abandonedGraph = Path.Combine(graphs, $".p.dot.17.{Guid.NewGuid():N}.tmp");
        string mine = Path.Combine(output, ".notes.tmp");
        foreach (var f in new[] { abandoned, abandonedGraph, mine }) File.WriteAllText(f, "x");
        var s = Batch.Run(output, WritePage(t, "p.txt", PageBuilder.Small("Jane Doe", 2)));
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(File.Exists(abandoned), Is.False);
        Assert.That(File.Exists(abandonedGraph), Is.False);
        Assert.That(File.Exists(mine), Is.True, "files the pipeline did not name are left alone");
    }

    [Test]
    public void Run_writes_only_its_outputs_and_never_touches_decisions_csv()
    {
        using var t = new TempDir();
        string output = t.Sub("out");
        string decisions = Path.Combine(output, "decisions.csv");
        byte[] reviewed = PageBuilder.Utf8("paper_key,decision\nabc,keep\n");
        File.WriteAllBytes(decisions, reviewed);
        var before = File.GetLastWriteTimeUtc(decisions);
        var s = Batch.Run(output, WritePage(t, "p.txt", PageBuilder.Small("Jane Doe", 3)));
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(File.ReadAllBytes(decisions), Is.EqualTo(reviewed));
        Assert.That(File.GetLastWriteTimeUtc(decisions), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith(".cache/", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "assignments.csv", "identities.csv", "identities.jsonl", "review.csv", "review.html", "run.json", "graphs/p.dot", "decisions.csv" }));
    }

    [Test]
    public void Second_run_into_a_locked_folder_is_refused()
    {
        using var t = new TempDir();
        string output = t.Sub("out");
        string page = WritePage(t, "p.txt", PageBuilder.Small("Jane Doe", 2));
        File.WriteAllText(Path.Combine(output, "assignments.csv"), "previous\n");
        using (new FileStream(Path.Combine(output, OutputLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<OutputLockedException>(() => Batch.Run(output, page));
            Assert.That(e!.Message, Does.Contain(output).And.Contain("in use by another run"));
            Assert.That(File.ReadAllText(Path.Combine(output, "assignments.csv")), Is.EqualTo("previous\n"));
        }
        Assert.That(Batch.Run(output, page).ExitCode, Is.EqualTo(ExitCodes.Ok), "runs again once the lock is released");
    }

    [Test]
    public void Lock_is_exclusive_while_held_and_its_file_is_removed_on_release()
    {
        using var t = new TempDir();
        string output = Path.Combine(t.Path, "new", "out");
        using (var held = OutputLock.Acquire(output))
        {
            Assert.That(File.Exists(held.Path), Is.True);
            Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(output).Dispose());
        }
        Assert.That(File.Exists(Path.Combine(output, OutputLock.FileName)), Is.False);
        OutputLock.Acquire(output).Dispose();
    }

    [Test]
    public void Lock_file_left_by_a_killed_run_does_not_block()
    {
        // A killed process leaves the file but not the lock: the OS drops the lock with the process.
        using var t = new TempDir();
        string output = t.Sub("out");
        File.WriteAllText(Path.Combine(output, OutputLock.FileName), "locked by process 1 on a crashed machine\n");
        var s = Batch.Run(output, WritePage(t, "p.txt", PageBuilder.Small("Jane Doe", 2)));
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(File.Exists(Path.Combine(output, OutputLock.FileName)), Is.False);
    }

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static List<string[]> Cells(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    [Test]
    public void Spreadsheet_csv_cells_never_start_like_a_formula()
    {
        const string Formula = "=cmd|' /C calc'!A0";
        using var t = new TempDir();
        var papers = new List<TestPaper>
        {
            new("ICML Conference 2020 Conference Paper", "=HYPERLINK(\"http://evil\",\"click\")", [Formula, "@SUM(1+1)", "Bob Roe"], ["+abstract"]),
            new("ICML Conference 2020 Conference Paper", "-based learning", [Formula, "\tTabbed Name", "Bob Roe"], []),
        };
        string output = t.Sub("out");
        var s = Batch.Run(output, WritePage(t, "=SUM(A1).txt", PageBuilder.Render(Formula, papers)));
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));

        var assignments = Batch.Assignments(output);
        Assert.That(assignments[0].Source, Is.EqualTo("'=SUM(A1).txt"));
        Assert.That(assignments[0].ClusterName, Is.EqualTo("'" + Formula));
        Assert.That(assignments[0].TargetAuthor, Is.EqualTo("'" + Formula));
        Assert.That(assignments[0].Title, Is.EqualTo("'=HYPERLINK(\"http://evil\",\"click\")"));
        Assert.That(assignments[0].Authors, Is.EqualTo("'" + Formula + "; @SUM(1+1); Bob Roe"));
        Assert.That(assignments[1].Title, Is.EqualTo("'-based learning"));
        var identity = Batch.Identities(output).Single();
        Assert.That(identity.ClusterName, Is.EqualTo("'" + Formula));
        Assert.That(identity.DisplayName, Is.EqualTo("'" + Formula));
        Assert.That(identity.NameVariants, Does.StartWith("'" + Formula));

        foreach (var file in new[] { "assignments.csv", "identities.csv" })
            foreach (var row in Cells(Path.Combine(output, file)))
                Assert.That(row.Where(c => c.Length > 0 && FormulaStarts.Contains(c[0])), Is.Empty, file);
    }

    [Test]
    public void Pages_whose_names_sanitise_alike_get_distinct_graph_files()
    {
        using var t = new TempDir();
        string input = t.Sub("in");
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.WriteAllBytes(Path.Combine(input, "sub", "b.txt"), PageBuilder.Utf8(PageBuilder.Small("Jane Doe", 2)));
        File.WriteAllBytes(Path.Combine(input, "sub_b.txt"), PageBuilder.Utf8(PageBuilder.Small("John Roe", 2)));
        File.WriteAllBytes(Path.Combine(input, "SUB_B.txt"), PageBuilder.Utf8(PageBuilder.Small("Ann Poe", 2)));
        string output = Path.Combine(t.Path, "out");
        var s = Batch.Run(output, input);
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(Directory.GetFiles(Path.Combine(output, "graphs")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "SUB_B.dot", "sub_b-2.dot", "sub_b-3.dot" }));
    }

    [TestCase("con", "_con.dot")]
    [TestCase("../../etc/passwd", "_.._etc_passwd.dot")]
    [TestCase("..", "page.dot")]
    [TestCase("a\0b<script>", "a_b_script_.dot")]
    public void Safe_file_names_stay_in_their_folder(string text, string expected)
    {
        string name = OutputFiles.SafeFileName(text, ".dot");
        Assert.That(name, Is.EqualTo(expected));
        Assert.That(Path.GetFileName(name), Is.EqualTo(name));
    }
}
