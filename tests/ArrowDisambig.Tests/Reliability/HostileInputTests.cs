using System.Text;
using ArrowDisambig.Export;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>
/// The hostile input corpus, generated in code: each input is either processed correctly or rejected with
/// a message naming file and line, and the exit code says which. Every run also passes the end-of-run
/// invariant check (exit code 3 would fail these tests).
/// </summary>
public class HostileInputTests
{
    private sealed record Outcome(RunSummary Summary, List<AssignmentRow> Rows, List<IdentityRow> Identities, string Output);

    private static Outcome RunOne(TempDir t, string name, byte[] bytes)
    {
        string input = Path.Combine(t.Sub("in"), name);
        File.WriteAllBytes(input, bytes);
        return RunInputs(t, input);
    }

    private static Outcome RunInputs(TempDir t, params string[] inputs)
    {
        string output = Path.Combine(t.Path, "out");
        var s = Batch.Run(output, inputs);
        Assert.That(s.ExitCode, Is.Not.EqualTo(ExitCodes.InvariantViolated), string.Join("\n", s.InvariantViolations));
        return new Outcome(s, Batch.Assignments(output), Batch.Identities(output), output);
    }

    private static void AssertRejected(Outcome o, string file, int? line, string expected)
    {
        Assert.That(o.Summary.ExitCode, Is.EqualTo(ExitCodes.SomeInputsFailed));
        var error = o.Summary.Failures.Single().Error;
        string position = line is null ? "[0-9]+" : line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(error, Does.Match($"^{System.Text.RegularExpressions.Regex.Escape(file)}:{position}: "), "file and line first");
        Assert.That(error, Does.Contain(expected));
        Assert.That(o.Rows, Is.Empty);
    }

    private static void AssertProcessed(Outcome o, int papers)
    {
        Assert.That(o.Summary.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", o.Summary.Failures.Select(f => f.Error)));
        Assert.That(o.Rows, Has.Count.EqualTo(papers));
        Assert.That(o.Rows.Select(r => r.PaperIndex), Is.EqualTo(Enumerable.Range(1, papers)));
    }

    [Test]
    public void Empty_file_is_rejected()
    {
        using var t = new TempDir();
        AssertRejected(RunOne(t, "empty.txt", []), "empty.txt", 1, "the file is empty");
    }

    [Test]
    public void Blank_file_is_rejected()
    {
        using var t = new TempDir();
        AssertRejected(RunOne(t, "blank.txt", PageBuilder.Utf8("\n\n   \r\n\t\n")), "blank.txt", 1, "the file is empty");
    }

    [Test]
    public void Header_only_page_is_processed_with_no_papers_and_a_warning()
    {
        using var t = new TempDir();
        var o = RunOne(t, "header.txt", PageBuilder.Utf8(PageBuilder.Header("Jane Doe", 3)));
        AssertProcessed(o, 0);
        Assert.That(o.Identities, Is.Empty);
        Assert.That(o.Summary.Warnings, Has.Some.EqualTo("header.txt: the page declares 3 papers but 0 were parsed"));
    }

    [Test]
    public void Binary_garbage_with_nul_bytes_is_rejected()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[100] = 0;
        using var t = new TempDir();
        AssertRejected(RunOne(t, "garbage.txt", bytes), "garbage.txt", null, "looks binary");
    }

    [Test]
    public void Binary_garbage_without_nul_bytes_is_rejected()
    {
        var bytes = new byte[4096];
        new Random(2).NextBytes(bytes);
        for (int i = 0; i < bytes.Length; i++) if (bytes[i] == 0) bytes[i] = 1;
        using var t = new TempDir();
        var o = RunOne(t, "noise.txt", bytes);
        AssertRejected(o, "noise.txt", null, "does not look like an Arrow cluster page");
    }

    [Test]
    public void Page_truncated_in_an_author_list_keeps_the_papers_it_has()
    {
        string full = PageBuilder.Small("Jane Doe", 5);
        int cut = full.IndexOf("  • Roger", full.IndexOf("Paper 3 on", StringComparison.Ordinal), StringComparison.Ordinal) + "  • Rog".Length;
        using var t = new TempDir();
        var o = RunOne(t, "cut.txt", PageBuilder.Utf8(full[..cut]));
        AssertProcessed(o, 3);
        Assert.That(o.Rows[2].Authors, Is.EqualTo("Jane Doe; Rog"));
        Assert.That(o.Summary.Warnings, Has.Some.Contains("declares 5 papers but 3"));
    }

    [TestCase("utf-16le")]
    [TestCase("utf-16be")]
    public void Utf16_with_byte_order_mark_reads_like_utf8(string encodingName)
    {
        var enc = Encoding.GetEncoding(encodingName);
        string page = PageBuilder.Render("José Núñez", [TestPaper.Simple("Étude des graphes", "José Núñez", "Łukasz Kaiser")]);
        using var t = new TempDir();
        var o = RunOne(t, "u16.txt", enc.GetPreamble().Concat(enc.GetBytes(page)).ToArray());
        AssertProcessed(o, 1);
        Assert.That(o.Rows[0].Title, Is.EqualTo("Étude des graphes"));
        Assert.That(o.Rows[0].Authors, Is.EqualTo("José Núñez; Łukasz Kaiser"));
        Assert.That(o.Rows[0].TargetAuthor, Is.EqualTo("José Núñez"));
    }

    [Test]
    public void Utf16_without_byte_order_mark_is_rejected_as_binary()
    {
        using var t = new TempDir();
        var o = RunOne(t, "u16nobom.txt", Encoding.Unicode.GetBytes(PageBuilder.Small("Jane Doe", 2)));
        AssertRejected(o, "u16nobom.txt", 1, "byte order mark");
    }

    [Test]
    public void Latin1_bytes_are_decoded_with_a_warning()
    {
        string page = PageBuilder.Render("José Núñez", [TestPaper.Simple("Étude", "José Núñez", "Søren Hauberg")]).Replace('•', '-');
        using var t = new TempDir();
        var o = RunOne(t, "latin1.txt", Encoding.Latin1.GetBytes(page));
        AssertProcessed(o, 1);
        Assert.That(o.Rows[0].Authors, Is.EqualTo("José Núñez; Søren Hauberg"));
        Assert.That(o.Summary.Warnings, Has.Some.EqualTo("latin1.txt: not valid UTF-8; read as Latin-1"));
    }

    [Test]
    public void Crlf_page_gives_the_same_rows_as_lf()
    {
        string page = PageBuilder.Small("Jane Doe", 4);
        using var a = new TempDir();
        using var b = new TempDir();
        var lf = RunOne(a, "p.txt", PageBuilder.Utf8(page));
        var crlf = RunOne(b, "p.txt", PageBuilder.Utf8(page.Replace("\n", "\r\n")));
        AssertProcessed(crlf, 4);
        Assert.That(crlf.Rows.Select(r => (r.PaperKey, r.IdentityId, r.Title, r.Authors)),
            Is.EqualTo(lf.Rows.Select(r => (r.PaperKey, r.IdentityId, r.Title, r.Authors))));
    }

    [Test]
    public void Declared_count_that_differs_from_the_papers_is_a_warning()
    {
        string page = PageBuilder.Render("Jane Doe", [TestPaper.Simple("One", "Jane Doe")], declared: 7);
        using var t = new TempDir();
        var o = RunOne(t, "count.txt", PageBuilder.Utf8(page));
        AssertProcessed(o, 1);
        Assert.That(o.Summary.Warnings, Has.Some.EqualTo("count.txt: the page declares 7 papers but 1 were parsed"));
    }

    [Test]
    public void Duplicate_papers_are_each_kept_once_and_reported()
    {
        var p = TestPaper.Simple("Same title", "Jane Doe", "Bob Roe");
        using var t = new TempDir();
        var o = RunOne(t, "dup.txt", PageBuilder.Utf8(PageBuilder.Render("Jane Doe", [p, p, TestPaper.Simple("Other", "Jane Doe")])));
        AssertProcessed(o, 3);
        Assert.That(o.Rows[0].PaperKey, Is.EqualTo(o.Rows[1].PaperKey));
        Assert.That(o.Summary.Warnings, Has.Some.Contains("dup.txt: papers 1, 2 look like duplicates"));
    }

    [Test]
    public void Paper_without_authors_inside_a_page_is_reported_with_its_line()
    {
        var noAuthors = new TestPaper("NeurIPS Conference 2021 Conference Paper", "No authors here", [], ["Abstract."]);
        string page = PageBuilder.Render("Jane Doe", [TestPaper.Simple("First", "Jane Doe"), noAuthors, TestPaper.Simple("Third", "Jane Doe")]);
        int line = page[..page.IndexOf("NeurIPS", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var t = new TempDir();
        var o = RunOne(t, "noauth.txt", PageBuilder.Utf8(page));
        AssertProcessed(o, 2);
        Assert.That(o.Summary.Warnings, Has.Some.StartsWith($"noauth.txt:{line}: a venue line without an author list"));
    }

    [Test]
    public void Paper_without_authors_at_the_end_is_kept_and_reported()
    {
        string page = PageBuilder.Render("Jane Doe", [TestPaper.Simple("First", "Jane Doe")]) + "ICLR Conference 2022 Conference Paper\n\nCut after the title\n";
        using var t = new TempDir();
        var o = RunOne(t, "cut2.txt", PageBuilder.Utf8(page));
        AssertProcessed(o, 2);
        Assert.That(o.Rows[1].Authors, Is.Empty);
        Assert.That(o.Rows[1].TargetAuthor, Is.Empty);
        Assert.That(o.Summary.Warnings, Has.Some.Contains("paper 2 has no authors"));
    }

    private static string[] ManyNames(int count, int seed)
    {
        var random = new Random(seed);
        string[] given = ["Anna", "Bo", "Chen", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jun", "Kofi", "Lena"];
        string[] family = ["Smith", "Wang", "Garcia", "Kowalski", "Okafor", "Tanaka", "Müller", "Rossi", "Silva", "Ivanova", "Li", "Kim"];
        return Enumerable.Range(0, count).Select(i => $"{given[random.Next(given.Length)]} {(char)('A' + i % 26)}. {family[random.Next(family.Length)]}{i}").ToArray();
    }

    [Test]
    public void Author_list_of_500_names_is_processed()
    {
        var names = ManyNames(500, 3).ToList();
        names.Insert(250, "Jane Doe");
        using var t = new TempDir();
        var o = RunOne(t, "big-list.txt", PageBuilder.Utf8(PageBuilder.Render("Jane Doe",
            [new TestPaper("ICML Conference 2020 Conference Paper", "A big collaboration", names, []), TestPaper.Simple("Small", "Jane Doe", names[0])])));
        AssertProcessed(o, 2);
        Assert.That(o.Rows[0].Authors.Split("; "), Has.Length.EqualTo(501));
        Assert.That(o.Rows[0].TargetAuthor, Is.EqualTo("Jane Doe"));
    }

    [Test]
    public void Many_papers_with_500_name_author_lists_are_processed()
    {
        // A large collaboration: every paper lists most of the same 500 people, so the co-author graph is dense.
        var names = ManyNames(500, 4);
        var papers = Enumerable.Range(0, 40).Select(i =>
            new TestPaper("Physical Review Journal 2019 Journal Article", $"Measurement number {i}",
                names.Where((_, k) => (k + i) % 7 != 0).Prepend("Jane Doe").ToList(), [])).ToList();
        using var t = new TempDir();
        var o = RunOne(t, "collab.txt", PageBuilder.Utf8(PageBuilder.Render("Jane Doe", papers)));
        AssertProcessed(o, 40);
        Assert.That(o.Identities.Sum(i => i.PaperCount), Is.EqualTo(40));
    }

    [Test]
    public void Names_with_commas_quotes_tabs_formulas_and_markup_survive_the_round_trip()
    {
        string[] authors = ["Doe, Jane", "O'Brien \"Bob\" Roe", "Tab\tBetween", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "+1 Plus", "@Sum(A1)", "-2 Minus"];
        using var t = new TempDir();
        var o = RunOne(t, "names.txt", PageBuilder.Utf8(PageBuilder.Render("Jane Doe",
            [TestPaper.Simple("Quoted \"title\", with comma", authors), TestPaper.Simple("=HYPERLINK(\"http://x\")", [.. authors.Reverse()])])));
        AssertProcessed(o, 2);
        Assert.That(o.Rows[0].Authors, Is.EqualTo(string.Join("; ", authors)));
        Assert.That(o.Rows[0].Title, Is.EqualTo("Quoted \"title\", with comma"));
        Assert.That(o.Rows[1].Title, Is.EqualTo("'=HYPERLINK(\"http://x\")"), "formula cells are neutralised");
        Assert.That(o.Rows[1].Authors, Is.EqualTo("'-2 Minus; " + string.Join("; ", authors.Reverse().Skip(1))));
        Assert.That(o.Rows[0].TargetAuthor, Is.EqualTo("Doe, Jane"));
    }

    [Test]
    public void Name_broken_by_a_newline_is_joined_and_reported()
    {
        string page = PageBuilder.Render("Jane Doe", [TestPaper.Simple("T", "Jane\nDoe", "Bob Roe")]);
        using var t = new TempDir();
        var o = RunOne(t, "newline.txt", PageBuilder.Utf8(page));
        AssertProcessed(o, 1);
        Assert.That(o.Rows[0].Authors, Is.EqualTo("Jane Doe; Bob Roe"));
        Assert.That(o.Summary.Warnings, Has.Some.EqualTo("newline.txt:21: the author name of line 20 continues on this line; the lines are joined"));
    }

    [Test]
    public void Cluster_name_like_a_path_writes_nothing_outside_the_output_folder()
    {
        using var t = new TempDir();
        string input = Path.Combine(t.Sub("in/deep/er"), "..%2F..%2Fetc%2Fpasswd.txt");
        File.WriteAllBytes(input, PageBuilder.Utf8(PageBuilder.Small("../../etc/passwd", 2)));
        string output = Path.Combine(t.Path, "out", "nested");
        var before = Directory.EnumerateFiles(t.Path, "*", SearchOption.AllDirectories).ToHashSet();
        var s = Batch.Run(output, Path.Combine(t.Path, "in"));
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok));
        var written = Directory.EnumerateFiles(t.Path, "*", SearchOption.AllDirectories).Where(f => !before.Contains(f)).ToList();
        Assert.That(written, Is.Not.Empty);
        Assert.That(written, Has.All.StartsWith(output + Path.DirectorySeparatorChar));
        Assert.That(written.Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Where(f => !f.StartsWith(".cache/", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "assignments.csv", "identities.csv", "identities.jsonl", "review.csv", "review.html", "run.json", "graphs/deep_er_.._2F.._2Fetc_2Fpasswd.dot" }));
        Assert.That(Batch.Assignments(output).Select(r => r.ClusterName), Has.All.EqualTo("../../etc/passwd"));
    }

    [Test]
    public void One_megabyte_single_line_file_is_rejected_at_line_1()
    {
        using var t = new TempDir();
        var o = RunOne(t, "oneline.txt", PageBuilder.Utf8(new string('x', 1 << 20)));
        AssertRejected(o, "oneline.txt", 1, "does not look like an Arrow cluster page");
    }

    [Test]
    public void One_megabyte_lines_in_title_abstract_and_author_list_are_handled()
    {
        string huge = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 1 << 16));
        var papers = new List<TestPaper>
        {
            new("ICML Conference 2020 Conference Paper", "Huge abstract", ["Jane Doe", "Bob Roe"], [huge]),
            new("ICML Conference 2020 Conference Paper", huge, ["Jane Doe", "Bob Roe"], []),
            new("ICML Conference 2020 Conference Paper", "Huge author", ["Jane Doe", huge, "Bob Roe"], []),
            new("ICML Conference 2020 Conference Paper", "Another huge author", ["Jane Doe", huge + "x", "Bob Roe"], []),
        };
        string page = PageBuilder.Render("Jane Doe", papers);
        int line = page[..page.IndexOf("  • " + huge, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var t = new TempDir();
        var o = RunOne(t, "huge-lines.txt", PageBuilder.Utf8(page));
        AssertProcessed(o, 4);
        Assert.That(o.Rows[1].Title, Has.Length.EqualTo(huge.Length));
        Assert.That(o.Rows[2].Authors, Is.EqualTo("Jane Doe; Bob Roe"));
        Assert.That(o.Summary.Warnings, Has.Some.StartsWith($"huge-lines.txt:{line}: an author entry of {huge.Length} characters"));
    }

    [Test]
    public void Fifty_megabyte_page_is_parsed_completely()
    {
        // Realistic bulk: 200 papers with long abstracts (125 paragraphs each). The parser is what must cope
        // with the size; the later stages see 200 papers. (The full pipeline on this page takes several
        // seconds more, in the abstract index of the Features stage, so it is not run here.)
        var random = new Random(5);
        var paragraphs = Enumerable.Range(0, 64).Select(_ =>
            string.Join(' ', Enumerable.Range(0, 360).Select(_ => "w" + random.Next(20000).ToString("x", System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var text = new StringBuilder(PageBuilder.Header("Jane Doe", 200), 52_000_000);
        for (int i = 0; i < 200; i++)
            PageBuilder.AppendPaper(text, new TestPaper("ICML Conference 2020 Conference Paper", $"Paper {i} on topic {i % 13}",
                ["Jane Doe", $"Co Author{i % 17}"], Enumerable.Range(0, 125).Select(k => paragraphs[(i + k) % paragraphs.Length]).ToList()));
        using var t = TempDir.InMemory();
        string file = Path.Combine(t.Path, "fifty.txt");
        File.WriteAllBytes(file, PageBuilder.Utf8(text.ToString()));
        Assert.That(new FileInfo(file).Length, Is.GreaterThan(50_000_000));

        var page = ArrowPageParser.ParseFile(file);
        Assert.That(page.Papers, Has.Count.EqualTo(200));
        Assert.That(page.Warnings, Is.Empty);
        Assert.That(page.Papers.Select(p => p.Title), Is.EqualTo(Enumerable.Range(0, 200).Select(i => $"Paper {i} on topic {i % 13}")));
        Assert.That(page.Papers, Has.All.Property(nameof(Paper.Authors)).Count.EqualTo(2));
        Assert.That(page.Papers.Sum(p => (long)p.Abstract.Length), Is.GreaterThan(49_000_000));
    }

    [Test]
    public void Folder_of_two_thousand_pages_with_a_few_bad_ones_completes()
    {
        using var t = TempDir.InMemory();
        string input = t.Sub("in");
        var bad = new HashSet<int> { 7, 500, 1234, 1999 };
        for (int i = 0; i < 2000; i++)
        {
            string dir = Path.Combine(input, $"batch{i / 500}");
            Directory.CreateDirectory(dir);
            byte[] bytes = bad.Contains(i) ? PageBuilder.Utf8($"garbage {i}\n") : PageBuilder.Utf8(PageBuilder.Small($"Person {i}", 2));
            File.WriteAllBytes(Path.Combine(dir, $"page{i:D4}.txt"), bytes);
        }
        var o = RunInputs(t, input);
        Assert.That(o.Summary.ExitCode, Is.EqualTo(ExitCodes.SomeInputsFailed));
        Assert.That(o.Summary.Failures.Select(f => f.Error.Split(':')[0]),
            Is.EquivalentTo(bad.Select(i => $"batch{i / 500}/page{i:D4}.txt")));
        Assert.That(o.Summary.Failures, Has.All.Property(nameof(InputFailure.Error)).Contains("does not look like an Arrow cluster page"));
        Assert.That(o.Rows, Has.Count.EqualTo((2000 - bad.Count) * 2));
        Assert.That(o.Summary.PagesProcessed, Is.EqualTo(2000 - bad.Count));
        Assert.That(Directory.GetFiles(Path.Combine(o.Output, "graphs")), Has.Length.EqualTo(2000 - bad.Count));
    }
}
