using CsvHelper;

namespace ArrowDisambig.Export;

/// <summary>
/// Writes output files atomically: into a temporary file in the same folder, then renamed over the target,
/// so an interrupted run never leaves a truncated file behind.
/// </summary>
public static class OutputFiles
{
    /// <summary>CSV options for files people open in spreadsheets: RFC 4180 with LF line ends, and cells
    /// that start like a formula (<c>= + - @</c>, tab, CR) prefixed with <c>'</c> (OWASP CSV injection guidance).</summary>
    public static CsvWriterOptions SpreadsheetCsv { get; } = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\n",
        Injection = CsvInjection.Escape,
    };

    /// <summary>CSV options for machine-facing files: raw values, RFC 4180 with LF line ends.</summary>
    public static CsvWriterOptions MachineCsv { get; } = CsvWriterOptions.Default with { Separator = ',', NewLine = "\n" };

    /// <summary>Writes typed records to a CSV file atomically.</summary>
    public static void WriteCsv<T>(string path, IEnumerable<T> rows, CsvWriterOptions options) =>
        Atomic(path, stream =>
        {
            using var w = CsvWriter.Create(stream, options, leaveOpen: true);
            w.WriteRecords(rows);
        });

    /// <summary>Writes text atomically.</summary>
    public static void WriteText(string path, string text) =>
        Atomic(path, stream => { using var w = new StreamWriter(stream, leaveOpen: true); w.Write(text); });

    /// <summary>Runs <paramref name="write"/> on a temporary file next to <paramref name="path"/>, then renames it into place.</summary>
    public static void Atomic(string path, Action<Stream> write)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>A file name built from input text that cannot leave the output folder or hide: only letters, digits, <c>. _ -</c>.</summary>
    public static string SafeFileName(string text, string extension)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        string s = new string(chars).Trim('.');
        if (s.Length == 0) s = "page";
        if (s.Length > 120) s = s[..120];
        return s + extension;
    }
}
