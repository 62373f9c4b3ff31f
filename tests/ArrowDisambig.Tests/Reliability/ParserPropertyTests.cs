using System.Text;
using ArrowDisambig.Export;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using FsCheck;
using FsCheck.Fluent;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>
/// Property tests for the parser and the name model on generated pages: they never throw anything but
/// <see cref="PageFormatException"/>, and a paper with a venue line, a title and an author is never lost.
/// </summary>
[TestFixture]
public class ParserPropertyTests
{
    private static readonly string[] VenueLines =
    [
        "ICML Conference 2020 Conference Paper", "NeurIPS 2023 Conference Paper", "Unknown Venue Conference Conference Paper",
        "American journal of nephrology. Journal 2014 Journal Article", "Proc. 3rd Int. Conf.: Vision 2000 Conference 1999 Conference Paper",
        "arXiv Preprint 2021 Preprint Article", "RLDM Conference 2019 Conference Abstract",
    ];

    private static readonly string[] ClusterNames =
        ["Jane Doe", "../../etc/passwd", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "Müller, Hans", "李 小龙", "J. Doe"];

    private static readonly string[] NameTokens =
        ["Jane", "Doe", "J.", "John", "Roe", "Li", "Wei", "van", "der", "Maaten", "O'Brien", "Jr.", "0002", "Łukasz", "Søren", "AD", "de", "李"];

    private static readonly string[] HostileTexts =
    [
        "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "Doe, Jane", "O'Brien \"Bob\" Roe", "Tab\tName", "+1 Plus", "@SUM(A1)",
        "ICML Conference 2020 Conference Paper", "NeurIPS 2023 Conference Paper", "Author name cluster", "Possible papers", "43 papers", "43",
        "Arrow Research search", "٣ papers", "\u0000nul", "\u001b[31mred", "\uFEFFbom", "   leading spaces", "·no space after the dot", "-dash",
    ];

    /// <summary>What the parser makes of a generated line: HTML character references decoded, trimmed.</summary>
    private static string AsParsed(string line) => PageText.DecodeEntities(line).Trim();

    /// <summary>A line as a page can hold it: no line breaks, trimmed, valid UTF-16, within the name limit.</summary>
    private static string Line(string s)
    {
        var clean = PageText.ReplaceLoneSurrogates(s.Replace('\r', ' ').Replace('\n', ' ')).Trim();
        return clean.Length > ArrowPageParser.MaxNameLength ? clean[..ArrowPageParser.MaxNameLength].Trim() : clean;
    }

    // The page format cannot tell such a line from an author bullet; titles and abstracts never start with one.
    private static bool LooksLikeBullet(string s) =>
        s.Length > 0 && s[0] is '•' or '-' or '*' or '·' or '‣' or '◦' && (s.Length == 1 || char.IsWhiteSpace(s[1]));

    private static Gen<string> Text(IEnumerable<string> fixedTexts) => Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<string>()),
        (2, Gen.Elements(fixedTexts.ToArray())),
        (2, Gen.Elements(NameTokens).ListOf().Select(t => string.Join(' ', t))))
        .Select(s => Line(s ?? ""));

    private static Gen<string> NameGen => Text(HostileTexts).Where(s => s.Length > 0);

    private static Gen<string> ProseGen => Text(HostileTexts.Concat(VenueLines)).Where(s => s.Length > 0 && !LooksLikeBullet(s));

    private static Gen<TestPaper> PaperGen =>
        from venue in Gen.Elements(VenueLines)
        from title in ProseGen
        from authors in NameGen.NonEmptyListOf().Select(l => l.Take(12).ToList())
        from abstractLines in ProseGen.ListOf().Select(l => l.Take(5).ToList())
        select new TestPaper(venue, title, authors, abstractLines);

    private sealed record GeneratedPage(string ClusterName, IReadOnlyList<TestPaper> Papers)
    {
        public string Text => PageBuilder.Render(ClusterName, Papers);
        public override string ToString() => Text;
    }

    private static Arbitrary<GeneratedPage> Pages =>
        (from name in Gen.Elements(ClusterNames)
         from papers in PaperGen.NonEmptyListOf().Select(l => l.Take(6).ToList())
         select new GeneratedPage(name, papers)).ToArbitrary();

    private static T OnlyFormatErrors<T>(Func<T> parse, T fallback)
    {
        try { return parse(); }
        catch (PageFormatException) { return fallback; }
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Every_generated_paper_is_parsed_back_exactly() => Prop.ForAll(Pages, page =>
    {
        var parsed = ArrowPageParser.Parse(page.Text, "gen.txt");
        Assert.That(parsed.ClusterName, Is.EqualTo(page.ClusterName));
        // Only an abstract whose last lines look like "venue line, title" at the end of the page can add a
        // paper (read as a page cut after a title); such a paper has no authors, and none is ever lost.
        var withAuthors = parsed.Papers.Where(p => p.Authors.Count > 0).ToList();
        Assert.That(withAuthors.Select(p => (p.Title, p.Authors.ToList())),
            Is.EqualTo(page.Papers.Select(p => (AsParsed(p.Title), p.Authors.Select(AsParsed).ToList()))));
        for (int k = 0; k < page.Papers.Count; k++)
        {
            var expected = VenueLine.TryParse(page.Papers[k].VenueLine)!;
            var p = withAuthors[k];
            Assert.That((p.Venue, p.Kind, p.Year, p.PublicationType), Is.EqualTo((expected.Venue, expected.Kind, expected.Year, expected.PublicationType)));
        }
        if (parsed.Papers.Count == page.Papers.Count)
            Assert.That(parsed.Papers.Select(p => p.Abstract), Is.EqualTo(page.Papers.Select(p => string.Join("\n\n", p.AbstractLines))));
        Assert.That(parsed.Papers.Select(p => p.Index), Is.EqualTo(Enumerable.Range(1, parsed.Papers.Count)));
        var crlf = ArrowPageParser.Parse(page.Text.Replace("\n", "\r\n"), "gen.txt");
        Assert.That(crlf.Papers.Select(p => (p.Title, p.Authors.ToList(), p.Abstract)), Is.EqualTo(parsed.Papers.Select(p => (p.Title, p.Authors.ToList(), p.Abstract))));
    });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Random_bytes_only_raise_format_errors() => Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
    {
        OnlyFormatErrors(() => ArrowPageParser.Parse(bytes, "bytes.txt"), null);
        var afterHeader = PageBuilder.Utf8(PageBuilder.Header("Jane Doe", 2)).Concat(bytes).ToArray();
        OnlyFormatErrors(() => ArrowPageParser.Parse(afterHeader, "bytes.txt"), null);
    });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Random_text_after_a_header_only_raises_format_errors() => Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), lines =>
    {
        string text = PageBuilder.Header("Jane Doe", 2) + string.Join("\n", lines.Select(l => l ?? ""));
        OnlyFormatErrors(() => ArrowPageParser.Parse(text, "text.txt"), null);
        OnlyFormatErrors(() => ArrowPageParser.Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), "u16.txt"), null);
    });

    private static Gen<string> Mutated(GeneratedPage page) =>
        from cuts in Gen.Choose(0, page.Text.Length).Two().ListOf()
        from junk in Gen.Elements(HostileTexts.Concat(HostileTexts.Select(t => $"\n{t}\n")).Concat(["\n", "\r\n  • ", "\n\n"]).ToArray())
        select cuts.Take(4).Aggregate(page.Text, (text, c) =>
        {
            int a = Math.Min(Math.Min(c.Item1, c.Item2), text.Length), b = Math.Min(Math.Max(c.Item1, c.Item2), text.Length);
            return (a + b) % 2 == 0 ? text.Remove(a, b - a) : text.Insert(a, junk);
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Mutated_pages_only_raise_format_errors() =>
        Prop.ForAll(Pages.Generator.SelectMany(Mutated).ToArbitrary(), text =>
        {
            var page = OnlyFormatErrors(() => ArrowPageParser.Parse(text, "mutated.txt"), null);
            if (page is not null) Assert.That(page.Papers.SelectMany(p => p.Authors), Has.All.Length.InRange(1, ArrowPageParser.MaxNameLength));
        });

    private static readonly Lazy<PageProcessor> Processor = new(() => ScorerFactory.Create(PipelineDefinition.Load(null)).Processor);

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property Later_stages_keep_every_parsed_paper_exactly_once() => Prop.ForAll(Pages, page =>
    {
        var parsed = ArrowPageParser.Parse(page.Text, "gen.txt");
        var result = Processor.Value.Process(parsed);
        var rows = Profiles.Assignments(result).ToList();
        var identities = Profiles.Identities(result, 5).ToList();
        Assert.That(RunInvariants.Check([new ParsedPage("gen.txt", parsed.Papers.Count)], rows, identities), Is.Empty);
    });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Coauthor_grouping_never_throws_and_covers_every_name() => Prop.ForAll(NameGen.ListOf().ToArbitrary(), names =>
    {
        var parsed = names.Select(NameParser.Parse).ToList();
        var ids = CoauthorMatcher.CanonicalIds(parsed);
        Assert.That(ids, Has.Count.EqualTo(names.Count));
    });
}
