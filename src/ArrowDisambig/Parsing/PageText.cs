using System.Text;

namespace ArrowDisambig.Parsing;

/// <summary>
/// Turns the bytes of a page into lines. Pages come from scraping and from other teams, so the
/// encoding is sniffed (UTF-8 with or without BOM, UTF-16 with BOM, else Latin-1) instead of trusted.
/// </summary>
public static class PageText
{
    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="note"/> says when a fallback was used.</summary>
    /// <exception cref="PageFormatException">The bytes look binary (NUL bytes in a non-UTF-16 file).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source, out string? note)
    {
        note = null;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            bytes = bytes[3..];

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
            throw new PageFormatException(new SourcePosition(source, LineOf(bytes, nul)),
                "the file contains NUL bytes: it looks binary, not an Arrow page (UTF-16 needs a byte order mark)");

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            note = $"{source}: not valid UTF-8; read as Latin-1";
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Splits on CRLF, LF or CR and trims trailing white space from each line.</summary>
    public static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(text[start..i].TrimEnd());
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..].TrimEnd());
        return lines.ToArray();
    }

    /// <summary>
    /// Decodes HTML character references (<c>M&amp;uuml;ller</c> → <c>Müller</c>, <c>&amp;amp;</c> → <c>&amp;</c>) in one line:
    /// pages copied from web pages and sources exported from XML (DBLP) carry them, and an undecoded name neither
    /// matches its plain spelling on other papers nor is found in the name-frequency table. A reference that
    /// decodes to a line break becomes a space, so line numbers stay those of the file; text without <c>&amp;</c>
    /// is returned as is.
    /// </summary>
    public static string DecodeEntities(string line)
    {
        if (!line.Contains('&')) return line;
        string decoded = System.Net.WebUtility.HtmlDecode(line);
        // A line of the file holds no CR or LF, so any here came from a reference; other characters stay as the
        // parser keeps them in plain text.
        if (decoded.AsSpan().IndexOfAny('\r', '\n') >= 0) decoded = decoded.Replace('\r', ' ').Replace('\n', ' ');
        return ReplaceLoneSurrogates(decoded);
    }

    /// <summary>
    /// Replaces unpaired UTF-16 surrogates with U+FFFD. Text given as a string (or decoded leniently) can hold
    /// them, and they are not valid Unicode: later stages and the UTF-8 outputs would have to guess.
    /// </summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            first = i;
            break;
        }
        if (first < 0) return text;
        var chars = text.ToCharArray();
        for (int i = first; i < chars.Length; i++)
        {
            if (!char.IsSurrogate(chars[i])) continue;
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}

/// <summary>A page that cannot be read as an Arrow cluster page; the message names file, line and what was expected.</summary>
public sealed class PageFormatException(SourcePosition position, string problem)
    : Exception($"{position}: {problem}")
{
    /// <summary>Where the problem was found.</summary>
    public SourcePosition Position { get; } = position;

    /// <summary>The problem without the position.</summary>
    public string Problem { get; } = problem;
}
