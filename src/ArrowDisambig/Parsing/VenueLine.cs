using System.Text.RegularExpressions;

namespace ArrowDisambig.Parsing;

/// <summary>The parts of a venue line such as <c>ICLR Conference 2024 Conference Paper</c>.</summary>
public sealed record VenueLine(string Venue, string Kind, int? Year, string PublicationType)
{
    // Arrow prints "<venue> <Kind> [<year>] <Kind> <Type>"; the repeated kind is what tells a venue
    // line from prose, so it is required in the main form.
    private static readonly Regex Repeated = new(
        @"^(?<venue>.*?)\s*(?<![\p{L}\p{N}])(?<kind>[A-Z][A-Za-z]+)(?:\s+(?<year>(?:1[6-9]|20|21)\d\d))?\s+\k<kind>\s+(?<type>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    // Other renderings drop the kind before the year ("NeurIPS 2023 Conference Paper"); accept them
    // only with a known publication type so an abstract sentence ending in a year cannot match.
    private static readonly Regex Short = new(
        @"^(?<venue>.*?)\s*(?<year>(?:1[6-9]|20|21)\d\d)\s+(?<type>(?<kind>Conference|Journal|Workshop|Book|Preprint|Thesis|Dataset|Other)\s(?:Paper|Article|Abstract|Chapter|Proceedings|Preprint|Thesis|Review|Editorial|Letter|Dataset))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    /// <summary>Longest line taken as a venue line; longer lines are prose.</summary>
    public const int MaxLength = 600;

    /// <summary>Parses <paramref name="line"/>, or returns null when it is not a venue line.</summary>
    public static VenueLine? TryParse(string line)
    {
        if (line.Length is 0 or > MaxLength || char.IsWhiteSpace(line[0]) || IsBulletStart(line)) return null;
        var m = Repeated.Match(line);
        if (!m.Success) m = Short.Match(line);
        if (!m.Success) return null;
        int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].ValueSpan) : null;
        string kind = m.Groups["kind"].Value;
        string type = m.Groups["type"].Value;
        if (!type.StartsWith(kind, StringComparison.Ordinal)) type = $"{kind} {type}";
        return new VenueLine(m.Groups["venue"].Value.Trim(), kind, year, type);
    }

    private static bool IsBulletStart(string line) => line[0] is '•' or '*' or '·' || line.StartsWith("- ", StringComparison.Ordinal);
}
