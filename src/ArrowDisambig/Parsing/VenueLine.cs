namespace ArrowDisambig.Parsing;

/// <summary>The parts of a venue line such as <c>ICLR Conference 2024 Conference Paper</c>.</summary>
public sealed record VenueLine(string Venue, string Kind, int? Year, string PublicationType)
{
    /// <summary>Longest line taken as a venue line; longer lines are prose.</summary>
    public const int MaxLength = 600;

    private static readonly HashSet<string> KnownKinds = new(StringComparer.Ordinal)
        { "Conference", "Journal", "Workshop", "Book", "Preprint", "Thesis", "Dataset", "Other" };

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
        { "Paper", "Article", "Abstract", "Chapter", "Proceedings", "Preprint", "Thesis", "Review", "Editorial", "Letter", "Dataset" };

    /// <summary>
    /// Parses <paramref name="line"/>, or returns null when it is not a venue line. Arrow prints
    /// <c>&lt;venue&gt; &lt;Kind&gt; [&lt;year&gt;] &lt;Kind&gt; &lt;Type&gt;</c>; the repeated kind is what tells a venue line from prose.
    /// Renderings that drop the first kind (<c>NeurIPS 2023 Conference Paper</c>) are accepted only with a
    /// year and a known kind and type, so an abstract sentence cannot pass. Token-based: linear in the line.
    /// </summary>
    public static VenueLine? TryParse(string line)
    {
        if (line.Length is 0 or > MaxLength || char.IsWhiteSpace(line[0]) || line[0] is '•' or '*' or '·' or '-') return null;
        var t = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (t.Length < 2) return null;
        string type = t[^1], kind = t[^2];
        if (!IsCapitalWord(type) || !IsCapitalWord(kind)) return null;

        // Main form: ... Kind [year] Kind Type
        int k = t.Length - 3;
        int? year = null;
        if (k >= 0 && TryYear(t[k], out int y)) { year = y; k--; }
        if (k >= 0 && t[k] == kind)
            return new VenueLine(string.Join(' ', t[..k]), kind, year, $"{kind} {type}");

        // Short form: ... year Kind Type
        if (t.Length >= 3 && TryYear(t[^3], out int y2) && KnownKinds.Contains(kind) && KnownTypes.Contains(type))
            return new VenueLine(string.Join(' ', t[..^3]), kind, y2, $"{kind} {type}");
        return null;
    }

    private static bool IsCapitalWord(string s)
    {
        if (s.Length < 2 || !char.IsAsciiLetterUpper(s[0])) return false;
        foreach (char c in s) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static bool TryYear(string s, out int year)
    {
        year = 0;
        if (s.Length != 4 || !s.All(char.IsAsciiDigit)) return false;
        year = int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return year is >= 1600 and <= 2199;
    }
}
