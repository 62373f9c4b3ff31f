namespace ArrowDisambig.Tests;

/// <summary>Where the repository and the optional shared data are, seen from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Seed => Path.Combine(RepoRoot, "seeds", "jimmy-ba.txt");

    /// <summary>../shared/data beside the repository, or null when this machine has no labelled data.</summary>
    public static string? SharedData
    {
        get
        {
            string dir = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
            return Directory.Exists(Path.Combine(dir, "arrow")) ? dir : null;
        }
    }

    /// <summary>The shared data folder, or an ignored test that says why.</summary>
    public static string RequireSharedData()
    {
        var d = SharedData;
        if (d is null) Assert.Ignore("needs the labelled corpora in ../shared/data (not present on this machine)");
        return d!;
    }

    public static string NewTempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "arrow-disambig-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArrowDisambig.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ArrowDisambig.sln not found above the test folder");
    }
}
