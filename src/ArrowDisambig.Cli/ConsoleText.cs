using System.Text;

namespace ArrowDisambig.Cli;

/// <summary>Text from input files (file names, page content) made safe for a terminal.</summary>
internal static class ConsoleText
{
    /// <summary>
    /// Replaces control characters with <c>?</c>: an escape sequence in a file name could otherwise recolour,
    /// hide or rewrite what the terminal shows.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(char.IsControl(c) ? '?' : c);
        return sb.ToString();
    }
}
