using System.Globalization;

namespace ArrowDisambig.Names;

/// <summary>
/// Folds text to lower-case, diacritic-free letters so that printed variants of the same name or title
/// compare equal (<c>Rodríguez</c> → <c>rodriguez</c>, <c>Łukasz</c> → <c>lukasz</c>, <c>Straße</c> → <c>strasse</c>).
/// </summary>
/// <remarks>
/// The project runs with <c>InvariantGlobalization</c>, under which <see cref="string.Normalize()"/> does not
/// decompose non-ASCII letters, so decomposition comes from a built-in table of the Latin blocks instead; it
/// also keeps the result identical on every machine. Letters outside those blocks (CJK, Cyrillic, Greek…) are
/// kept lower-cased, and combining marks from already decomposed input are dropped. No regex: one pass, and a
/// fast path that returns the input unchanged when it is already folded.
/// </remarks>
public static class TextFold
{
    // Base letters for U+00C0..U+024F and U+1E00..U+1EFF; '.' marks "no single-letter base".
    // Generated from Unicode NFKD data, with stroke letters (ø ł đ ħ ŧ ı) mapped by hand.
    private const int Latin1Start = 0x00C0;
    private const string Latin1Bases =
        "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.yaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll..llnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsb.........................l.....oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";
    private const int LatinAdditionalStart = 0x1E00;
    private const string LatinAdditionalBases =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy.s....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

    private const int StackLimit = 256;

    // One shared instance per ASCII letter: initials are the most frequent name part.
    private static readonly string[] Letters = Enumerable.Range('a', 26).Select(c => ((char)c).ToString()).ToArray();

    private enum CharKind : byte { Separator, Dropped, Letters, Digit }

    /// <summary>
    /// Folds free text (titles, names) to lower-case ASCII-ish letters and digits separated by single spaces.
    /// Apostrophes vanish (<c>O'Brien</c> → <c>obrien</c>); every other non-letter (hyphens, punctuation,
    /// whitespace, control characters) becomes one separating space; leading and trailing spaces are trimmed.
    /// </summary>
    /// <param name="text">Any text; <see langword="null"/> folds to the empty string.</param>
    /// <returns>The folded text; the same instance when <paramref name="text"/> is already folded.</returns>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (IsAlreadyFolded(text, allowSpacesAndDigits: true)) return text;
        return FoldCore(text, keepSeparators: true);
    }

    /// <summary>
    /// Folds one name part to letters only: diacritics folded, lower-cased, and everything that is not a letter
    /// (hyphens, apostrophes, dots, digits, spaces) removed, so <c>Kong-Qiao</c> → <c>kongqiao</c>.
    /// </summary>
    /// <param name="part">A name token as printed.</param>
    /// <returns>The folded letters; empty when the part holds no letter.</returns>
    public static string FoldLetters(ReadOnlySpan<char> part)
    {
        if (part.IsEmpty) return string.Empty;
        return FoldCore(part, keepSeparators: false);
    }

    /// <inheritdoc cref="FoldLetters(ReadOnlySpan{char})"/>
    public static string FoldLetters(string? part)
    {
        if (string.IsNullOrEmpty(part)) return string.Empty;
        if (IsAlreadyFolded(part, allowSpacesAndDigits: false)) return part;
        return FoldCore(part.AsSpan(), keepSeparators: false);
    }

    /// <summary>The one-letter string for a folded character; shared instances for <c>a</c>–<c>z</c>.</summary>
    public static string Letter(char c) => c is >= 'a' and <= 'z' ? Letters[c - 'a'] : c.ToString();

    private static bool IsAlreadyFolded(string text, bool allowSpacesAndDigits)
    {
        char previous = ' ';
        foreach (char c in text)
        {
            if (c is >= 'a' and <= 'z') { previous = c; continue; }
            if (!allowSpacesAndDigits) return false;
            if (c is >= '0' and <= '9') { previous = c; continue; }
            if (c == ' ' && previous != ' ') { previous = c; continue; }
            return false;
        }
        return previous != ' ';
    }

    private static string FoldCore(ReadOnlySpan<char> text, bool keepSeparators)
    {
        // Most name tokens are plain ASCII words ("Maddison"): lower-case them without the general machinery.
        if (text.Length == 1 && IsAsciiLetters(text)) return Letters[(text[0] | 0x20) - 'a'];
        if (IsAsciiLetters(text)) return string.Create(text.Length, text, static (dest, src) => LowerAscii(src, dest));

        // A character folds to at most two letters (ß → ss, æ → ae).
        int capacity = text.Length * 2;
        char[]? rented = null;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[capacity]
            : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = 0;
            bool pendingSpace = false;
            Span<char> folded = stackalloc char[2];
            foreach (char c in text)
            {
                var kind = Classify(c, folded, out int count);
                switch (kind)
                {
                    case CharKind.Separator:
                        pendingSpace = keepSeparators && length > 0;
                        break;
                    case CharKind.Dropped:
                        break;
                    case CharKind.Digit when !keepSeparators:
                        break;
                    default:
                        if (pendingSpace) { buffer[length++] = ' '; pendingSpace = false; }
                        for (int i = 0; i < count; i++) buffer[length++] = folded[i];
                        break;
                }
            }
            return length == 0 ? string.Empty : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if ((uint)((c | 0x20) - 'a') > 'z' - 'a') return false;
        return true;
    }

    private static void LowerAscii(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = (char)(source[i] | 0x20);
    }

    private static CharKind Classify(char c, Span<char> folded, out int count)
    {
        count = 1;
        if (c < 0x80)
        {
            if (c is >= 'a' and <= 'z') { folded[0] = c; return CharKind.Letters; }
            if (c is >= 'A' and <= 'Z') { folded[0] = (char)(c | 0x20); return CharKind.Letters; }
            if (c is >= '0' and <= '9') { folded[0] = c; return CharKind.Digit; }
            count = 0;
            // Apostrophes sit inside one name (O'Brien, D'Angelo), so they must not split it.
            return c is '\'' or '`' ? CharKind.Dropped : CharKind.Separator;
        }

        switch (c)
        {
            case 'ß': return Two('s', 's', folded, out count);
            case 'æ' or 'Æ': return Two('a', 'e', folded, out count);
            case 'œ' or 'Œ': return Two('o', 'e', folded, out count);
            case 'þ' or 'Þ': return Two('t', 'h', folded, out count);
            case 'ĳ' or 'Ĳ': return Two('i', 'j', folded, out count);
            case 'ŀ' or 'Ŀ': folded[0] = 'l'; return CharKind.Letters;
            case '\u2018' or '\u2019' or '\u02BC' or '\u02BB' or '\u00B4' or '\u2032':
                count = 0;
                return CharKind.Dropped;
        }

        char mapped = '.';
        if (c >= Latin1Start && c < Latin1Start + Latin1Bases.Length) mapped = Latin1Bases[c - Latin1Start];
        else if (c >= LatinAdditionalStart && c < LatinAdditionalStart + LatinAdditionalBases.Length)
            mapped = LatinAdditionalBases[c - LatinAdditionalStart];
        if (mapped != '.') { folded[0] = mapped; return CharKind.Letters; }

        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                count = 0;
                return CharKind.Dropped;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                folded[0] = char.ToLowerInvariant(c);
                return CharKind.Letters;
            default:
                count = 0;
                return CharKind.Separator;
        }
    }

    private static CharKind Two(char first, char second, Span<char> folded, out int count)
    {
        folded[0] = first;
        folded[1] = second;
        count = 2;
        return CharKind.Letters;
    }
}
