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
    /// <param name="path">The target file.</param>
    /// <param name="text">Its content.</param>
    /// <param name="durable">Flush to disk before the rename, so even a power cut cannot leave an empty file; see <see cref="Atomic"/>.</param>
    public static void WriteText(string path, string text, bool durable = true) =>
        Atomic(path, stream => { using var w = new StreamWriter(stream, leaveOpen: true); w.Write(text); }, durable);

    /// <summary>Runs <paramref name="write"/> on a temporary file next to <paramref name="path"/>, then renames it into place.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="durable">
    /// Flush to disk before the rename. Without it a killed process still never leaves a partial file (the
    /// rename has not happened), but an OS crash can; it costs a disk flush per file, which dominates runs
    /// that write thousands of small files.
    /// </param>
    public static void Atomic(string path, Action<Stream> write, bool durable = true)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: durable);
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
        // Windows opens a device, not a file, for these names whatever the extension.
        if (ReservedNames.Contains(s.Split('.')[0])) s = "_" + s;
        return s + extension;
    }

    private static readonly HashSet<string> ReservedNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(1, 9).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Deletes temporary files that <see cref="Atomic"/> left in <paramref name="dir"/> when a run was killed
    /// mid-write. Call only while holding the folder's lock, so no other run's temporary file is touched.
    /// </summary>
    public static void RemoveAbandonedTemporaryFiles(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var file in Directory.EnumerateFiles(dir, ".*.tmp"))
            if (TemporaryName.IsMatch(Path.GetFileName(file)))
                try { File.Delete(file); }
                catch (IOException) { /* still open elsewhere: left for the next run */ }
    }

    private static readonly System.Text.RegularExpressions.Regex TemporaryName =
        new(@"^\..+\.[0-9]+\.[0-9a-f]{32}\.tmp$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
