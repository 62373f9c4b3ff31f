namespace ArrowDisambig.Export;

/// <summary>
/// Hands out safe file names (<see cref="OutputFiles.SafeFileName"/>) that are distinct within one folder,
/// so two pages whose names sanitise alike (<c>sub/b.txt</c>, <c>sub_b.txt</c>) do not overwrite each
/// other's file. Names differing only in case count as equal, as on Windows and macOS file systems.
/// One instance per folder and run.
/// </summary>
public sealed class UniqueFileNames
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The safe name for <paramref name="text"/>, with <c>-2</c>, <c>-3</c>… before the extension when it is taken.</summary>
    public string Next(string text, string extension)
    {
        string name = OutputFiles.SafeFileName(text, extension);
        string stem = name[..^extension.Length];
        for (int k = 2; !_taken.Add(name); k++) name = $"{stem}-{k}{extension}";
        return name;
    }
}
