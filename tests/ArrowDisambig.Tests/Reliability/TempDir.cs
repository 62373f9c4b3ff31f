namespace ArrowDisambig.Tests.Reliability;

/// <summary>A temporary folder deleted on dispose, for tests that write big fixtures.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = TestPaths.NewTempDir();

    private TempDir(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    /// <summary>
    /// A folder in RAM (/dev/shm) where there is one: tests with thousands of files or 50 MB test the tool,
    /// not the disk, and creating and deleting thousands of files on a slow disk takes longer than the run.
    /// </summary>
    public static TempDir InMemory() =>
        Directory.Exists("/dev/shm")
            ? new TempDir(System.IO.Path.Combine("/dev/shm", "arrow-disambig-tests", Guid.NewGuid().ToString("N")))
            : new TempDir();

    public string Path { get; }

    public string Sub(string name)
    {
        string p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(p);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: the OS temp cleaner gets the rest */ }
    }
}
