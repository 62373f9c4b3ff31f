using System.Collections.Frozen;

namespace ArrowDisambig.Names;

/// <summary>
/// Parses an author name as printed (DBLP, PubMed, BibTeX-style, lower-case, with diacritics) into a
/// <see cref="PersonName"/>. Pure and allocation-light; never throws.
/// </summary>
/// <remarks>
/// Formats recognised:
/// <list type="bullet">
/// <item><c>Given Middle Surname</c>, with particles (<c>Laurens van der Maaten</c>), suffixes (<c>Jr.</c>,
/// <c>III</c>) and a trailing DBLP number (<c>Mohammad Norouzi 0002</c>).</item>
/// <item><c>Surname, Given Middle</c> (<c>Grosse, Roger</c>; <c>Smith, John, Jr.</c>; <c>Maaten, Laurens van der</c>).</item>
/// <item>PubMed <c>Surname FM</c> / <c>Surname F.M.</c>: the last token is 1–3 upper-case letters without dots
/// (in a name that is not all upper-case) or only dotted initials, and every earlier token is a full word.</item>
/// <item>Initials in front: <c>F. M. Last</c>, <c>F.M. Last</c>, <c>FM Last</c>.</item>
/// </list>
/// East Asian family-name-first order (<c>Li Xuechen</c>) cannot be told from the printed text; it parses as
/// given-first and <see cref="NameCompatibility"/> accepts the swapped order instead.
/// </remarks>
public static class NameParser
{
    // Particles that are not also common given names or East Asian syllables: accepted in any case.
    private static readonly FrozenSet<string> StrongParticles = FrozenSet.ToFrozenSet(
        ["van", "von", "der", "den", "dos", "das", "del", "della", "delle", "dello", "degli", "ter", "ten", "st", "vander", "vanden", "des", "zu"],
        StringComparer.Ordinal);

    // Particles that collide with Chinese/Vietnamese syllables or given names (Da, De, Le, Du, Di, Bin…):
    // only accepted when printed in lower case, as in "Nando de Freitas". Single letters (Spanish "y",
    // Portuguese "e") are left out: in lower-case input they are far more often middle initials.
    private static readonly FrozenSet<string> WeakParticles = FrozenSet.ToFrozenSet(
        ["de", "di", "da", "du", "la", "le", "lo", "bin", "binti", "ibn", "al", "el", "do", "dal", "af", "av"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> RomanSuffixes = FrozenSet.ToFrozenSet(["ii", "iii", "iv"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> WordSuffixes = FrozenSet.ToFrozenSet(["jr", "sr", "jnr", "snr"], StringComparer.Ordinal);

    /// <summary>One folded piece of the printed name.</summary>
    /// <param name="Folded">Letters only, folded.</param>
    /// <param name="RawIndex">Index of the whitespace-separated token it came from.</param>
    /// <param name="IsCluster">The printed token was 1–3 upper-case ASCII letters without dots (<c>AD</c>).</param>
    /// <param name="IsDotted">The printed token contained a dot (<c>A.D.</c>, <c>Jr.</c>, <c>St.</c>).</param>
    /// <param name="IsLowerCase">The printed piece had no upper-case letter.</param>
    private readonly record struct Token(string Folded, int RawIndex, bool IsCluster, bool IsDotted, bool IsLowerCase)
    {
        public bool IsInitial => Folded.Length == 1;
    }

    /// <summary>Parses a printed author name. Never throws; input without letters gives an empty name.</summary>
    /// <param name="printed">The name as printed; may be <see langword="null"/>, empty or garbage.</param>
    /// <returns>The parsed name; <see cref="PersonName.IsEmpty"/> when no surname could be found.</returns>
    public static PersonName Parse(string? printed)
    {
        if (string.IsNullOrWhiteSpace(printed)) return Named(printed);

        var segments = Tokenise(printed, out int? dblp, out bool hasLower);
        string suffix = TakeSuffixes(segments, hasLower);
        segments.RemoveAll(s => s.Count == 0);
        if (segments.Count == 0) return new PersonName(printed, string.Empty, [], string.Empty, suffix, dblp);

        var surname = new List<Token>();
        var given = new List<Token>();
        if (segments.Count >= 2) SplitInverted(segments, surname, given);
        else SplitDisplayOrder(segments[0], hasLower, surname, given);

        var givenParts = ExpandInitials(given, hasLower);
        if (surname.Count == 0 && givenParts.Count > 0)
        {
            // "Smith" with nothing else, or ", John": the only word must be the surname.
            surname.Add(new Token(givenParts[^1], 0, false, false, false));
            givenParts.RemoveAt(givenParts.Count - 1);
        }

        string surnameText = JoinFolded(surname);
        string givenName = givenParts.Count > 0 ? givenParts[0] : string.Empty;
        string[] middle = givenParts.Count > 1 ? new string[givenParts.Count - 1] : [];
        for (int i = 0; i < middle.Length; i++) middle[i] = givenParts[i + 1];
        return new PersonName(printed, givenName, middle, surnameText, suffix, dblp);
    }

    private static PersonName Named(string? printed) =>
        string.IsNullOrEmpty(printed) ? PersonName.Empty : new PersonName(printed, string.Empty, [], string.Empty, string.Empty, null);

    private static List<List<Token>> Tokenise(string printed, out int? dblp, out bool hasLower)
    {
        var segments = new List<List<Token>> { new() };
        dblp = null;
        hasLower = false;
        int rawIndex = 0;
        int i = 0;
        while (i < printed.Length)
        {
            char c = printed[i];
            if (c is ',' or ';')
            {
                segments.Add([]);
                i++;
                continue;
            }
            if (IsSeparator(c))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < printed.Length && !IsSeparator(printed[i]) && printed[i] is not (',' or ';')) i++;
            var raw = printed.AsSpan(start, i - start);
            hasLower |= HasLower(raw);

            if (raw.Length == 4 && IsAsciiDigits(raw))
            {
                // Only a number that ends the name is DBLP's label; any later word cancels it below.
                dblp = (raw[0] - '0') * 1000 + (raw[1] - '0') * 100 + (raw[2] - '0') * 10 + (raw[3] - '0');
                continue;
            }

            int before = segments[^1].Count;
            AddPieces(raw, rawIndex++, segments[^1]);
            if (segments[^1].Count > before) dblp = null;
        }
        return segments;
    }

    private static void AddPieces(ReadOnlySpan<char> raw, int rawIndex, List<Token> into)
    {
        bool dotted = raw.Contains('.');
        bool cluster = !dotted && raw.Length <= 3 && IsAsciiUpper(raw);
        if (!dotted)
        {
            var folded = TextFold.FoldLetters(raw);
            if (folded.Length > 0) into.Add(new Token(folded, rawIndex, cluster, false, !HasUpper(raw)));
            return;
        }

        // "F.M." and "J.-P." carry one initial per dot; "St." and "Jr." are a single word.
        foreach (var range in raw.Split('.'))
        {
            var piece = raw[range];
            var folded = TextFold.FoldLetters(piece);
            if (folded.Length > 0) into.Add(new Token(folded, rawIndex, false, true, !HasUpper(piece)));
        }
    }

    private static string TakeSuffixes(List<List<Token>> segments, bool hasLower)
    {
        string suffix = string.Empty;
        for (int s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            // "Smith, John, Jr.": a segment that is only a suffix.
            if (s > 0 && segment.Count == 1 && IsSuffix(segment[0], hasLower))
            {
                suffix = segment[0].Folded;
                segment.Clear();
                continue;
            }
            // "John Smith Jr." / "Smith Jr., John": keep at least one word in the segment.
            while (segment.Count > 1 && IsSuffix(segment[^1], hasLower))
            {
                suffix = segment[^1].Folded;
                segment.RemoveAt(segment.Count - 1);
            }
        }
        return suffix;
    }

    private static bool IsSuffix(Token token, bool hasLower)
    {
        if (RomanSuffixes.Contains(token.Folded)) return true;
        // "Smith JR" in a mixed-case name is PubMed initials, not "Junior".
        return WordSuffixes.Contains(token.Folded) && !(token.IsCluster && hasLower);
    }

    private static void SplitInverted(List<List<Token>> segments, List<Token> surname, List<Token> given)
    {
        surname.AddRange(segments[0]);
        for (int s = 1; s < segments.Count; s++) given.AddRange(segments[s]);

        // "Maaten, Laurens van der": trailing particles belong to the surname.
        int cut = given.Count;
        while (cut > 1 && IsParticle(given[cut - 1])) cut--;
        if (cut < given.Count)
        {
            surname.InsertRange(0, given.GetRange(cut, given.Count - cut));
            given.RemoveRange(cut, given.Count - cut);
        }
    }

    private static void SplitDisplayOrder(List<Token> tokens, bool hasLower, List<Token> surname, List<Token> given)
    {
        if (tokens.Count == 1)
        {
            surname.Add(tokens[0]);
            return;
        }

        if (IsPubMedInitials(tokens, hasLower, out int firstInitial))
        {
            for (int i = 0; i < tokens.Count; i++) (i < firstInitial ? surname : given).Add(tokens[i]);
            return;
        }

        // The last word is the surname core; particles before it join it, but one given token always stays.
        int start = tokens.Count - 1;
        while (start > 1 && IsParticle(tokens[start - 1])) start--;
        for (int i = 0; i < tokens.Count; i++) (i < start ? given : surname).Add(tokens[i]);
    }

    private static bool IsPubMedInitials(List<Token> tokens, bool hasLower, out int firstInitial)
    {
        firstInitial = tokens.Count;
        var last = tokens[^1];
        int lastRaw = last.RawIndex;
        int i = tokens.Count;
        while (i > 0 && tokens[i - 1].RawIndex == lastRaw) i--;
        if (i == 0) return false;

        bool initialsToken;
        if (last.IsCluster)
        {
            // In an all-caps name "WEI LI" the short last word is more likely a surname than initials.
            initialsToken = hasLower && i == tokens.Count - 1;
        }
        else
        {
            initialsToken = true;
            for (int k = i; k < tokens.Count; k++)
                initialsToken &= tokens[k].IsDotted && tokens[k].IsInitial;
            // "Sinha A. D.": the dotted initials may be spread over several printed tokens.
            while (initialsToken && i > 0 && tokens[i - 1].IsDotted && tokens[i - 1].IsInitial) i--;
            if (i == 0) return false;
        }
        if (!initialsToken) return false;

        for (int k = 0; k < i; k++)
            if (tokens[k].IsInitial || tokens[k].IsCluster) return false;

        firstInitial = i;
        return true;
    }

    private static List<string> ExpandInitials(List<Token> given, bool hasLower)
    {
        var parts = new List<string>(given.Count + 2);
        foreach (var token in given)
        {
            // "AD Sinha", "Sinha, AD", "Sinha AD": a run of capitals is one initial per letter.
            if (token.IsCluster && hasLower && token.Folded.Length > 1)
            {
                foreach (char c in token.Folded) parts.Add(TextFold.Letter(c));
            }
            else
            {
                parts.Add(token.Folded);
            }
        }
        return parts;
    }

    private static string JoinFolded(List<Token> tokens)
    {
        if (tokens.Count <= 1) return tokens.Count == 0 ? string.Empty : tokens[0].Folded;
        int length = tokens.Count - 1;
        foreach (var token in tokens) length += token.Folded.Length;
        return string.Create(length, tokens, static (dest, parts) =>
        {
            int at = 0;
            foreach (var part in parts)
            {
                if (at > 0) dest[at++] = ' ';
                part.Folded.CopyTo(dest[at..]);
                at += part.Folded.Length;
            }
        });
    }

    private static bool IsParticle(Token token) =>
        StrongParticles.Contains(token.Folded) || (token.IsLowerCase && WeakParticles.Contains(token.Folded));

    private static bool IsSeparator(char c) => c <= ' ' || char.IsWhiteSpace(c) || char.IsControl(c);

    private static bool IsAsciiDigits(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (c is < '0' or > '9') return false;
        return true;
    }

    private static bool IsAsciiUpper(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (c is < 'A' or > 'Z') return false;
        return span.Length > 0;
    }

    private static bool HasLower(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (char.IsLower(c)) return true;
        return false;
    }

    private static bool HasUpper(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
            if (char.IsUpper(c)) return true;
        return false;
    }
}
