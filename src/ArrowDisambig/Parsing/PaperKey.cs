using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArrowDisambig.Parsing;

/// <summary>
/// A stable key for a paper: a hash of its normalised title, year and venue. Reviewer decisions refer to
/// papers by this key, so it must not change when a page is reordered or re-scraped with different
/// punctuation, case or diacritics.
/// </summary>
public static class PaperKey
{
    /// <summary>16 hex digits of SHA-256 over <c>title|year|venue</c>, each folded to lower-case ASCII letters and digits.</summary>
    public static string Of(Paper paper) => Of(paper.Title, paper.Year, paper.Venue);

    /// <inheritdoc cref="Of(Paper)"/>
    public static string Of(string title, int? year, string venue)
    {
        string basis = $"{Normalise(title)}|{year?.ToString(CultureInfo.InvariantCulture)}|{Normalise(venue)}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(basis), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) { if (space && sb.Length > 0) sb.Append(' '); sb.Append(char.ToLowerInvariant(c)); space = false; }
            else space = true;
        }
        return sb.ToString();
    }
}
