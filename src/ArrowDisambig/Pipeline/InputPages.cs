namespace ArrowDisambig.Pipeline;

/// <summary>A page file to read and the source name it goes by in messages and outputs.</summary>
/// <param name="Path">The file as found.</param>
/// <param name="Source">A name no other page of the run has: the file name, the path below the folder given, or the full path.</param>
public sealed record InputPage(string Path, string Source);

/// <summary>
/// Turns the files and folders given to a run into the page files to read: folders searched recursively for
/// <c>*.txt</c>, each file once, each with its own source name. Rows are told apart by source, so two pages
/// with one name would make their papers indistinguishable; and a file given twice would count its papers twice.
/// </summary>
public static class InputPages
{
    /// <summary>Finds the pages; inputs and folders that cannot be read are added to <paramref name="failures"/>.</summary>
    public static List<InputPage> Find(IEnumerable<string> inputs, List<InputFailure> failures)
    {
        var found = new List<InputPage>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                if (files.Add(RealPath(new FileInfo(input)))) found.Add(new InputPage(input, System.IO.Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
                found.AddRange(Walk(input, failures)
                    .Select(f => new InputPage(f, System.IO.Path.GetRelativePath(input, f).Replace('\\', '/')))
                    .OrderBy(p => p.Source, StringComparer.Ordinal)
                    .Where(p => files.Add(RealPath(new FileInfo(p.Path)))));
            else failures.Add(new InputFailure(input, $"{input}: no such file or folder"));
        }
        return MakeSourcesUnique(found);
    }

    /// <summary>Every <c>*.txt</c> below <paramref name="root"/>; a folder that cannot be read is a failure, not a silent gap.</summary>
    private static List<string> Walk(string root, List<InputFailure> failures)
    {
        var result = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            // Symbolic links may loop back to a folder already searched.
            if (!visited.Add(RealPath(new DirectoryInfo(dir)))) continue;
            try
            {
                result.AddRange(Directory.EnumerateFiles(dir, "*.txt", options));
                foreach (var sub in Directory.EnumerateDirectories(dir, "*", options)) pending.Push(sub);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add(new InputFailure(dir, $"{dir}: cannot read the folder: {e.Message}"));
            }
        }
        return result;
    }

    private static string RealPath(FileSystemInfo info)
    {
        try { return (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName; }
        catch (IOException) { return info.FullName; }
    }

    /// <summary>Pages whose names collide (<c>a/x.txt</c> and <c>b/x.txt</c> given as files) go by their full paths.</summary>
    private static List<InputPage> MakeSourcesUnique(List<InputPage> pages)
    {
        var clashing = pages.GroupBy(p => p.Source, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (clashing.Count == 0) return pages;
        var taken = new HashSet<string>(pages.Where(p => !clashing.Contains(p.Source)).Select(p => p.Source), StringComparer.Ordinal);
        var result = new List<InputPage>(pages.Count);
        foreach (var page in pages)
        {
            if (!clashing.Contains(page.Source)) { result.Add(page); continue; }
            string full = System.IO.Path.GetFullPath(page.Path).Replace('\\', '/');
            string source = full;
            for (int k = 2; !taken.Add(source); k++) source = $"{full}#{k}";
            result.Add(page with { Source = source });
        }
        return result;
    }
}
