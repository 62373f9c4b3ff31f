namespace ArrowDisambig.Export;

/// <summary>
/// A hidden folder inside the output folder where a run writes its files while it goes; <see cref="Commit"/>
/// moves them into place (a rename each, on the same file system), <see cref="IDisposable.Dispose"/> throws away
/// whatever was not committed. A run that fails its checks or is killed therefore never replaces the previous
/// run's outputs with partial ones.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private const string Prefix = ".staging.";
    private readonly string _outputDir;

    /// <summary>Creates a fresh staging folder in <paramref name="outputDir"/>.</summary>
    public StagingFolder(string outputDir)
    {
        _outputDir = Path.GetFullPath(outputDir);
        Root = Path.Combine(_outputDir, $"{Prefix}{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    /// <summary>The staging folder.</summary>
    public string Root { get; }

    /// <summary>Where to write the file that becomes <c>&lt;output&gt;/<paramref name="relativePath"/></c> (its folder is created).</summary>
    public string PathOf(string relativePath)
    {
        string path = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' leaves the staging folder", nameof(relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Moves every staged file to the same place under the output folder, replacing what is there; files
    /// elsewhere in the output folder stay. Callers flush what must survive a power cut before this.
    /// </summary>
    public void Commit()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList())
        {
            string target = Path.Combine(_outputDir, Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Deletes the staging folder and anything left in it.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* gone already after a commit, or still held: the next run removes it (RemoveAbandoned) */ }
    }

    /// <summary>
    /// Deletes staging folders that killed runs left in <paramref name="outputDir"/>. Call only while holding
    /// the folder's lock, so no live run's folder is touched.
    /// </summary>
    public static void RemoveAbandoned(string outputDir)
    {
        if (!Directory.Exists(outputDir)) return;
        foreach (var dir in Directory.EnumerateDirectories(outputDir, Prefix + "*"))
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* still in use elsewhere: left for the next run */ }
    }
}
