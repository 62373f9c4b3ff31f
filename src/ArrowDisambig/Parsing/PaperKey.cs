using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Names;

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
        string basis = $"{TextFold.Fold(title)}|{year?.ToString(CultureInfo.InvariantCulture)}|{TextFold.Fold(venue)}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(basis), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
