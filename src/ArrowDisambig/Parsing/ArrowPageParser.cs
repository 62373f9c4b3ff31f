using System.Text;
using System.Text.RegularExpressions;

namespace ArrowDisambig.Parsing;

/// <summary>
/// Parses an Arrow "author name cluster" page by its structure: a header, then papers, each a venue
/// line, a title, a bullet list of authors and optional abstract paragraphs. A paper starts only where a
/// venue line is followed by a title and a bullet block, so abstract prose that happens to look like a
/// venue line is never taken for one.
/// </summary>
public static class ArrowPageParser
{
    // [0-9], not \d: \d also matches other scripts' digits, which int.Parse then rejects.
    private static readonly Regex PapersCount = new(@"^([0-9]{1,9})\s+papers?$", RegexOptions.CultureInvariant);
    private static readonly Regex BareNumber = new(@"^[0-9]{1,9}$", RegexOptions.CultureInvariant);
    private const string ClusterHeading = "Author name cluster";

    /// <summary>Largest page file read; bigger files are refused before they are loaded into memory.</summary>
    public const long MaxPageBytes = 128L << 20;

    /// <summary>
    /// Longest author entry or cluster name taken as a name. Real names are under 60 characters; longer
    /// entries are garbage, and the fuzzy name comparison is quadratic in their length.
    /// </summary>
    public const int MaxNameLength = 300;

    /// <summary>Reads and parses a page file.</summary>
    /// <exception cref="PageFormatException">The page cannot be parsed; the message names file and line.</exception>
    public static ClusterPage ParseFile(string path) => ParseFile(path, Path.GetFileName(path));

    /// <summary>Reads and parses a page file, naming it <paramref name="source"/> in messages and outputs.</summary>
    /// <exception cref="PageFormatException">The page is too big or cannot be parsed; the message names file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ClusterPage ParseFile(string path, string source)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.CanSeek)
        {
            if (stream.Length > MaxPageBytes) throw TooBig(source);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return Parse(bytes, source);
        }
        // Pipes and devices have no length: read in chunks up to the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        for (int n; (n = stream.Read(chunk)) > 0;)
        {
            if (buffer.Length + n > MaxPageBytes) throw TooBig(source);
            buffer.Write(chunk, 0, n);
        }
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }

    private static PageFormatException TooBig(string source) => new(new SourcePosition(source, 1),
        $"the file is larger than {MaxPageBytes >> 20} MB; such pages are refused (an Arrow page is well under 1 MB)");

    /// <summary>Parses page bytes, sniffing the encoding.</summary>
    public static ClusterPage Parse(ReadOnlySpan<byte> bytes, string source)
    {
        string text = PageText.Decode(bytes, source, out var note);
        var page = Parse(text, source);
        return note is null ? page : page with { Warnings = [note, .. page.Warnings] };
    }

    /// <summary>Parses page text.</summary>
    /// <exception cref="PageFormatException">The page cannot be parsed; the message names file and line.</exception>
    public static ClusterPage Parse(string text, string source)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        text = PageText.ReplaceLoneSurrogates(text);
        var lines = Array.ConvertAll(PageText.SplitLines(text), PageText.DecodeEntities);
        var warnings = new List<string>();
        int i = ParseHeader(lines, source, out string clusterName, out int? declared);

        var papers = new List<Paper>();
        int firstContent = NextNonBlank(lines, i);
        while (i < lines.Length)
        {
            int start = NextPaperStart(lines, i);
            if (start < 0) break;
            if (papers.Count == 0 && start > firstContent)
                warnings.Add($"{source}:{firstContent + 1}: text before the first paper was skipped (lines {firstContent + 1}-{start})");
            i = ReadPaper(lines, start, source, papers.Count + 1, warnings, out var paper);
            papers.Add(paper);
        }

        if (papers.Count == 0 && firstContent < lines.Length)
            throw new PageFormatException(new SourcePosition(source, firstContent + 1),
                "expected a paper: a venue line such as 'ICLR Conference 2024 Conference Paper', then a title and a bullet list of authors");
        if (declared is { } n && n != papers.Count)
            warnings.Add($"{source}: the page declares {n} papers but {papers.Count} were parsed");
        WarnDuplicates(papers, source, warnings);
        return new ClusterPage(source, clusterName, declared, papers, warnings);
    }

    private static int ParseHeader(string[] lines, string source, out string clusterName, out int? declared)
    {
        declared = null;
        int heading = Array.FindIndex(lines, l => l.Trim().Equals(ClusterHeading, StringComparison.OrdinalIgnoreCase));
        if (heading < 0)
        {
            int first = NextNonBlank(lines, 0);
            throw new PageFormatException(new SourcePosition(source, first >= lines.Length ? 1 : first + 1),
                first >= lines.Length ? "the file is empty or blank: expected an Arrow page starting 'Arrow Research search' / 'Author name cluster'"
                                      : $"expected the heading '{ClusterHeading}' (this does not look like an Arrow cluster page)");
        }
        int nameLine = NextNonBlank(lines, heading + 1);
        if (nameLine >= lines.Length)
            throw new PageFormatException(new SourcePosition(source, heading + 1), "expected the cluster's name after the heading, found the end of the file");
        clusterName = lines[nameLine].Trim();
        if (clusterName.Length > MaxNameLength)
            throw new PageFormatException(new SourcePosition(source, nameLine + 1),
                $"expected the cluster's name after the heading, found a line of {clusterName.Length} characters (a name has at most {MaxNameLength})");

        // The header ends at "Possible papers" and the repeated count; everything up to there is description.
        int i = nameLine + 1;
        for (; i < lines.Length; i++)
        {
            string l = lines[i].Trim();
            var m = PapersCount.Match(l);
            if (m.Success && declared is null) declared = int.Parse(m.Groups[1].ValueSpan);
            if (l.Equals("Possible papers", StringComparison.OrdinalIgnoreCase))
            {
                int next = NextNonBlank(lines, i + 1);
                return next < lines.Length && BareNumber.IsMatch(lines[next].Trim()) ? next + 1 : i + 1;
            }
            if (VenueLine.TryParse(lines[i]) is not null && IsPaperStart(lines, i)) return i;
        }
        return i;
    }

    private static int NextPaperStart(string[] lines, int from)
    {
        for (int i = from; i < lines.Length; i++)
            if (IsPaperStart(lines, i)) return i;
        return -1;
    }

    /// <summary>
    /// A venue line, then (after blank lines) a title and a bullet, or the end of the file (a page cut off
    /// after a title). A venue line directly followed by bullets is a paper without a title. Without the
    /// bullet block a venue-like line is abstract text: prose must never start a paper. Looks at most three
    /// lines ahead, so parsing stays linear.
    /// </summary>
    private static bool IsPaperStart(string[] lines, int i)
    {
        if (lines[i].Length == 0 || VenueLine.TryParse(lines[i]) is null) return false;
        int t = NextNonBlank(lines, i + 1);
        if (t >= lines.Length) return false;
        if (IsBullet(lines[t], out _)) return true;
        int b = NextNonBlank(lines, t + 1);
        return b >= lines.Length || IsBullet(lines[b], out _);
    }

    private static int ReadPaper(string[] lines, int start, string source, int index, List<string> warnings, out Paper paper)
    {
        var venue = VenueLine.TryParse(lines[start])!;
        var pos = new SourcePosition(source, start + 1);
        int i = NextNonBlank(lines, start + 1);
        string title = "";
        if (i < lines.Length && !IsBullet(lines[i], out _))
        {
            title = lines[i].Trim();
            i = NextNonBlank(lines, i + 1);
        }
        else warnings.Add($"{pos}: paper {index} has no title");

        var authors = new List<string>();
        while (i < lines.Length && IsBullet(lines[i], out string name))
        {
            int bullet = i;
            // A name broken by a newline: its rest stands directly under the bullet. The abstract is always
            // separated from the author list by a blank line, so it is never taken for a continuation.
            while (IsContinuation(lines, i + 1, name))
            {
                string rest = lines[++i].Trim();
                name = name.Length == 0 ? rest : $"{name} {rest}";
                warnings.Add($"{source}:{i + 1}: the author name of line {bullet + 1} continues on this line; the lines are joined");
            }
            if (name.Length > MaxNameLength)
                warnings.Add($"{source}:{bullet + 1}: an author entry of {name.Length} characters is too long to be a name (limit {MaxNameLength}); left out");
            else if (name.Length > 0) authors.Add(name);
            i = NextNonBlank(lines, i + 1);
        }
        if (authors.Count == 0) warnings.Add($"{pos}: paper {index} has no authors");

        var abs = new StringBuilder();
        for (; i < lines.Length && !IsPaperStart(lines, i); i++)
        {
            if (VenueLine.TryParse(lines[i]) is not null)
                warnings.Add($"{source}:{i + 1}: a venue line without an author list; kept as abstract text of paper {index} (a paper without authors?)");
            if (lines[i].Length == 0) { if (abs.Length > 0 && abs[^1] != '\n') abs.Append("\n\n"); continue; }
            if (abs.Length > 0 && abs[^1] != '\n') abs.Append(' ');
            abs.Append(lines[i].Trim());
        }
        paper = new Paper(index, venue.Venue, venue.Kind, venue.Year, venue.PublicationType, title, authors,
            abs.ToString().Trim(), pos);
        return i;
    }

    private static bool IsContinuation(string[] lines, int j, string name) =>
        j < lines.Length && lines[j].Length > 0 && !IsBullet(lines[j], out _) && VenueLine.TryParse(lines[j]) is null
        && name.Length + 1 + lines[j].AsSpan().Trim().Length <= MaxNameLength;

    /// <summary>Bullet lines: <c>  • Name</c>, also with <c>-</c>, <c>*</c> or <c>·</c>.</summary>
    internal static bool IsBullet(string line, out string content)
    {
        content = "";
        var s = line.AsSpan().TrimStart();
        if (s.Length == 0 || s[0] is not ('•' or '-' or '*' or '·' or '‣' or '◦')) return false;
        if (s.Length > 1 && !char.IsWhiteSpace(s[1])) return false;
        content = s[1..].Trim().ToString();
        return true;
    }

    private static int NextNonBlank(string[] lines, int from)
    {
        int i = from;
        while (i < lines.Length && string.IsNullOrWhiteSpace(lines[i])) i++;
        return i;
    }

    private static void WarnDuplicates(List<Paper> papers, string source, List<string> warnings)
    {
        foreach (var g in papers.GroupBy(PaperKey.Of).Where(g => g.Count() > 1))
            warnings.Add($"{source}: papers {string.Join(", ", g.Select(p => p.Index))} look like duplicates (same title, year and venue); each is kept");
    }
}
