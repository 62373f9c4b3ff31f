using System.Text;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Tests.Parsing;

public class ArrowPageParserTests
{
    private const string Header = "Arrow Research search\n\nAuthor name cluster\n\nJane Doe\n\nPossible papers associated with this exact author name in Arrow.\n\n{0} papers\n1 author rows\n\nPossible papers\n\n{0}\n\n";

    private static string Page(int declared, string body) => string.Format(Header, declared) + body;

    [Test]
    public void Seed_page_has_43_papers_and_its_details()
    {
        var page = ArrowPageParser.ParseFile(TestPaths.Seed);
        Assert.That(page.ClusterName, Is.EqualTo("Jimmy Ba"));
        Assert.That(page.DeclaredPaperCount, Is.EqualTo(43));
        Assert.That(page.Papers, Has.Count.EqualTo(43));
        Assert.That(page.Warnings, Is.Empty);
        var first = page.Papers[0];
        Assert.That(first.Venue, Is.EqualTo("ICLR"));
        Assert.That(first.Year, Is.EqualTo(2024));
        Assert.That(first.PublicationType, Is.EqualTo("Conference Paper"));
        Assert.That(first.Title, Is.EqualTo("Identifying the Risks of LM Agents with an LM-Emulated Sandbox"));
        Assert.That(first.Authors, Has.Count.EqualTo(8));
        Assert.That(first.Abstract, Does.StartWith("Recent advances in Language Model"));
        Assert.That(page.Papers.Select(p => p.Index), Is.EqualTo(Enumerable.Range(1, 43)));
        // The WMDP paper's list was cut at 8 before Jimmy Ba.
        var wmdp = page.Papers.Single(p => p.Title.StartsWith("The WMDP Benchmark"));
        Assert.That(wmdp.Authors, Does.Not.Contain("Jimmy Ba"));
        Assert.That(wmdp.MayBeTruncated, Is.True);
    }

    [TestCase("ICLR Conference 2024 Conference Paper", "ICLR", "Conference", 2024, "Conference Paper")]
    [TestCase("RLDM Conference 2019 Conference Abstract", "RLDM", "Conference", 2019, "Conference Abstract")]
    [TestCase("American journal of nephrology. Journal 2014 Journal Article", "American journal of nephrology.", "Journal", 2014, "Journal Article")]
    [TestCase("Unknown Venue Conference Conference Paper", "Unknown Venue", "Conference", null, "Conference Paper")]
    [TestCase("Proc. 3rd Int. Conf.: Vision 2000 Conference 1999 Conference Paper", "Proc. 3rd Int. Conf.: Vision 2000", "Conference", 1999, "Conference Paper")]
    [TestCase("NeurIPS 2023 Conference Paper", "NeurIPS", "Conference", 2023, "Conference Paper")]
    public void Venue_lines_are_split(string line, string venue, string kind, int? year, string type)
    {
        var v = VenueLine.TryParse(line);
        Assert.That(v, Is.EqualTo(new VenueLine(venue, kind, year, type)));
    }

    [TestCase("We evaluate on the 2019 Conference Paper track of this year.")]
    [TestCase("In 2024 we held a Conference Paper")]
    [TestCase("  • Jimmy Ba")]
    [TestCase("")]
    public void Prose_is_not_a_venue_line(string line) => Assert.That(VenueLine.TryParse(line), Is.Null);

    [Test]
    public void Abstract_line_that_looks_like_a_venue_line_stays_in_the_abstract()
    {
        string body = "ICML Conference 2020 Conference Paper\n\nA title\n\n  • Jane Doe\n  • Bob Roe\n\nFirst paragraph.\n\nNIPS Conference 2019 Conference Paper\n\nStill the abstract.\n\n" +
                      "ICLR Conference 2021 Conference Paper\n\nSecond title\n\n  • Jane Doe\n";
        var page = ArrowPageParser.Parse(Page(2, body), "x.txt");
        Assert.That(page.Papers, Has.Count.EqualTo(2));
        Assert.That(page.Papers[0].Abstract, Does.Contain("NIPS Conference 2019 Conference Paper"));
        Assert.That(page.Warnings, Has.Some.Contains("x.txt:25").And.Contains("without an author list"));
        Assert.That(page.Papers[1].Title, Is.EqualTo("Second title"));
    }

    [Test]
    public void Crlf_bom_trailing_spaces_and_extra_blank_lines_are_accepted()
    {
        string body = "ICML Conference 2020 Conference Paper   \n\n\n\nA title  \n\n  - Jane Doe\n  * Bob Roe\n\n\n";
        string text = "\uFEFF" + Page(1, body).Replace("\n", "\r\n");
        var page = ArrowPageParser.Parse(Encoding.UTF8.GetBytes(text), "crlf.txt");
        Assert.That(page.Papers.Single().Authors, Is.EqualTo(new[] { "Jane Doe", "Bob Roe" }));
        Assert.That(page.Papers.Single().Title, Is.EqualTo("A title"));
    }

    [Test]
    public void Utf16_with_bom_and_latin1_are_decoded()
    {
        string text = Page(1, "ICML Conference 2020 Conference Paper\n\nÉtude\n\n  • José Núñez\n");
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        Assert.That(ArrowPageParser.Parse(utf16, "u16.txt").Papers.Single().Authors.Single(), Is.EqualTo("José Núñez"));
        var latin1 = ArrowPageParser.Parse(Encoding.Latin1.GetBytes(text.Replace('•', '-')), "l1.txt");
        Assert.That(latin1.Papers.Single().Title, Is.EqualTo("Étude"));
        Assert.That(latin1.Warnings, Has.Some.Contains("Latin-1"));
    }

    [Test]
    public void Declared_count_mismatch_is_a_warning_naming_the_file()
    {
        var page = ArrowPageParser.Parse(Page(3, "ICML Conference 2020 Conference Paper\n\nT\n\n  • Jane Doe\n"), "count.txt");
        Assert.That(page.Papers, Has.Count.EqualTo(1));
        Assert.That(page.Warnings, Has.Some.Contains("count.txt").And.Contains("declares 3"));
    }

    [Test]
    public void Truncated_page_keeps_the_papers_it_has()
    {
        string body = "ICML Conference 2020 Conference Paper\n\nT1\n\n  • Jane Doe\n  • Bob Roe\n\nICLR Conference 2021 Conference Paper\n\nT2\n\n  • Ann";
        var page = ArrowPageParser.Parse(Page(5, body), "cut.txt");
        Assert.That(page.Papers.Select(p => p.Title), Is.EqualTo(new[] { "T1", "T2" }));
        Assert.That(page.Papers[1].Authors, Is.EqualTo(new[] { "Ann" }));
    }

    [Test]
    public void Paper_without_authors_is_reported_with_its_line()
    {
        string body = "ICML Conference 2020 Conference Paper\n\nFirst\n\n  • Jane Doe\n\nICML Conference 2020 Conference Paper\n\nNo authors here\n\nICLR Conference 2021 Conference Paper\n\nT2\n\n  • Jane Doe\n";
        var page = ArrowPageParser.Parse(Page(3, body), "noauth.txt");
        Assert.That(page.Papers.Select(p => p.Title), Is.EqualTo(new[] { "First", "T2" }));
        Assert.That(page.Warnings, Has.Some.Contains("noauth.txt:22").And.Contains("without an author list"));
        Assert.That(page.Warnings, Has.Some.Contains("declares 3"));
    }

    [Test]
    public void Page_cut_after_a_title_keeps_that_paper_without_authors()
    {
        var page = ArrowPageParser.Parse(Page(1, "ICML Conference 2020 Conference Paper\n\nCut here\n"), "cut2.txt");
        Assert.That(page.Papers.Single().Title, Is.EqualTo("Cut here"));
        Assert.That(page.Warnings, Has.Some.Contains("no authors"));
    }

    [Test]
    public void Duplicate_papers_are_kept_and_reported()
    {
        string paper = "ICML Conference 2020 Conference Paper\n\nSame title\n\n  • Jane Doe\n\n";
        var page = ArrowPageParser.Parse(Page(2, paper + paper), "dup.txt");
        Assert.That(page.Papers, Has.Count.EqualTo(2));
        Assert.That(page.Warnings, Has.Some.Contains("duplicates"));
    }

    [TestCase("", "empty")]
    [TestCase("hello\nworld\n", "Author name cluster")]
    public void Unparseable_pages_name_file_and_line(string text, string expected)
    {
        var e = Assert.Throws<PageFormatException>(() => ArrowPageParser.Parse(text, "bad.txt"));
        Assert.That(e!.Message, Does.StartWith("bad.txt:").And.Contains(expected));
    }

    [Test]
    public void Header_followed_by_garbage_is_an_error_at_the_garbage_line()
    {
        var e = Assert.Throws<PageFormatException>(() => ArrowPageParser.Parse(Page(1, "this is not a paper\n"), "g.txt"));
        Assert.That(e!.Position.Line, Is.EqualTo(16));
        Assert.That(e.Message, Does.Contain("venue line"));
    }

    [Test]
    public void Binary_input_is_rejected()
    {
        var e = Assert.Throws<PageFormatException>(() => ArrowPageParser.Parse(new byte[] { 1, 2, 0, 255, 0 }, "bin.txt"));
        Assert.That(e!.Message, Does.Contain("binary"));
    }

    [Test]
    public void Page_with_only_a_header_has_no_papers_and_a_warning()
    {
        var page = ArrowPageParser.Parse(Page(2, ""), "h.txt");
        Assert.That(page.Papers, Is.Empty);
        Assert.That(page.Warnings, Has.Some.Contains("declares 2"));
    }

    [Test]
    public void Paper_key_ignores_case_punctuation_and_diacritics()
    {
        Assert.That(PaperKey.Of("Étude: A  Study!", 2020, "ICML"), Is.EqualTo(PaperKey.Of("etude a study", 2020, "icml")));
        Assert.That(PaperKey.Of("A Study", 2020, "ICML"), Is.Not.EqualTo(PaperKey.Of("A Study", 2021, "ICML")));
    }

    [Test]
    public void Html_character_references_are_decoded_without_moving_lines()
    {
        string text = "Arrow Research search\n\nAuthor name cluster\n\nWolfgang M&uuml;ller\n\nPossible papers\n\n2\n\n" +
                      "ICLR Conference 2020 Conference Paper\n\nAT&T labs &amp; friends: &lt;b&gt;bold&lt;/b&gt;&#10;claims\n\n  • Wolfgang M&uuml;ller\n  • Jos&eacute; Garc&#237;a\n\n" +
                      "ICLR Conference 2021 Conference Paper\n\nSecond &#x1F600; paper\n\n  • Wolfgang Müller\n";
        var page = ArrowPageParser.Parse(text, "p.txt");
        Assert.That(page.ClusterName, Is.EqualTo("Wolfgang Müller"));
        Assert.That(page.Papers, Has.Count.EqualTo(2));
        Assert.That(page.Papers[0].Title, Is.EqualTo("AT&T labs & friends: <b>bold</b> claims"), "a decoded line break becomes a space");
        Assert.That(page.Papers[0].Authors, Is.EqualTo(new[] { "Wolfgang Müller", "José García" }));
        Assert.That(page.Papers[1].Title, Is.EqualTo("Second \U0001F600 paper"));
        Assert.That(page.Papers[1].Position.Line, Is.EqualTo(18), "line numbers are those of the file");
    }

    [TestCase("no entity here", "no entity here")]
    [TestCase("AT&T & co", "AT&T & co")]
    [TestCase("&amp;lt;", "&lt;")]
    [TestCase("lone &#xD800; surrogate", "lone &#xD800; surrogate")]
    [TestCase("tab&#9;and&#13;cr&#10;lf", "tab\tand cr lf")]
    [TestCase("\u001d& kept", "\u001d& kept")]
    [TestCase("\u001d&amp; kept", "\u001d& kept")]
    public void Entity_decoding_of_one_line(string line, string expected) =>
        Assert.That(PageText.DecodeEntities(line), Is.EqualTo(expected));
}
