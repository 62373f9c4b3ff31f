using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>Finding the pages of a run: each file once, each with a source name of its own.</summary>
public class InputPagesTests
{
    [Test]
    public void File_given_twice_or_inside_a_folder_given_too_is_read_once()
    {
        using var t = new TempDir();
        string input = t.Sub("in");
        string page = Path.Combine(input, "a.txt");
        File.WriteAllBytes(page, PageBuilder.Utf8(PageBuilder.Small("Jane Doe", 2)));
        var failures = new List<InputFailure>();
        var pages = InputPages.Find([page, input, page, Path.Combine(input, ".", "a.txt")], failures);
        Assert.That(pages.Select(p => p.Source), Is.EqualTo(new[] { "a.txt" }));
        Assert.That(failures, Is.Empty);
        var s = Batch.Run(Path.Combine(t.Path, "out"), page, input);
        Assert.That(s.Papers, Is.EqualTo(2));
    }

    [Test]
    public void Files_with_one_name_in_different_folders_keep_their_rows_apart()
    {
        using var t = new TempDir();
        string a = Path.Combine(t.Sub("x"), "page.txt");
        string b = Path.Combine(t.Sub("y"), "page.txt");
        File.WriteAllBytes(a, PageBuilder.Utf8(PageBuilder.Small("Jane Doe", 2)));
        File.WriteAllBytes(b, PageBuilder.Utf8(PageBuilder.Small("John Roe", 3)));
        var pages = InputPages.Find([a, b], []);
        Assert.That(pages.Select(p => p.Source), Is.EqualTo(new[] { Path.GetFullPath(a), Path.GetFullPath(b) }));

        string output = Path.Combine(t.Path, "out");
        var s = Batch.Run(output, a, b);
        Assert.That(s.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", s.InvariantViolations));
        Assert.That(Batch.Assignments(output).Select(r => (r.Source, r.PaperIndex)).Distinct().Count(), Is.EqualTo(5));
        Assert.That(Directory.GetFiles(Path.Combine(output, "graphs")), Has.Length.EqualTo(2));
    }

    [Test]
    public void Symbolic_link_loop_is_searched_once()
    {
        using var t = new TempDir();
        string input = t.Sub("in");
        string sub = t.Sub("in/sub");
        File.WriteAllBytes(Path.Combine(sub, "a.txt"), PageBuilder.Utf8(PageBuilder.Small("Jane Doe", 2)));
        Directory.CreateSymbolicLink(Path.Combine(sub, "loop"), input);
        var failures = new List<InputFailure>();
        var pages = InputPages.Find([input], failures);
        Assert.That(pages.Select(p => p.Source), Is.EqualTo(new[] { "sub/a.txt" }));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Missing_input_is_a_failure_naming_it()
    {
        var failures = new List<InputFailure>();
        Assert.That(InputPages.Find(["/no/such/folder"], failures), Is.Empty);
        Assert.That(failures.Single().Error, Is.EqualTo("/no/such/folder: no such file or folder"));
    }
}
