namespace ArrowDisambig.Tests.Reliability;

/// <summary>A temporary folder deleted on dispose, for tests that write big fixtures.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = TestPaths.NewTempDir();

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
