namespace ArrowDisambig.Pipeline;

/// <summary>
/// Exclusive use of an output folder for one run: an open handle on <c>.lock</c> in the folder with
/// <see cref="FileShare.None"/>, which the operating system grants to one process at a time (flock on Unix).
/// The handle, not the file's existence, is the lock, so a run that was killed leaves no stale lock: the OS
/// drops it with the process, and the leftover file is simply taken over by the next run.
/// </summary>
/// <remarks>
/// The file is deleted when the lock is released. A run that opens the file in the instant between that
/// delete and the close can still get a lock on the deleted file; the window is microseconds at the end of a
/// run and accepted, since the alternative (never deleting the file) was not wanted in the output folder.
/// </remarks>
public sealed class OutputLock : IDisposable
{
    /// <summary>The lock file's name inside the output folder.</summary>
    public const string FileName = ".lock";

    private readonly FileStream _handle;

    private OutputLock(FileStream handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Creates the folder if needed and takes its lock without waiting.</summary>
    /// <exception cref="OutputLockedException">Another run (this process or another) holds the folder.</exception>
    /// <exception cref="IOException">The folder or the lock file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static OutputLock Acquire(string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        string path = System.IO.Path.Combine(outputDir, FileName);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            throw new OutputLockedException(outputDir, path);
        }
        // For a person who finds the file: who holds it. Nobody else can read it while it is held.
        handle.SetLength(0);
        using (var w = new StreamWriter(handle, leaveOpen: true))
            w.Write($"locked by process {Environment.ProcessId} on {Environment.MachineName} at {DateTimeOffset.UtcNow:O}\n");
        handle.Flush();
        return new OutputLock(handle, path);
    }

    /// <summary>Releases the lock and deletes the lock file.</summary>
    public void Dispose() => _handle.Dispose();

    // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION. Unix: .NET passes flock's errno through,
    // EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private static bool IsSharingViolation(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35;
}

/// <summary>Another run is writing into the output folder.</summary>
public sealed class OutputLockedException(string outputDir, string lockFile)
    : Exception($"the output folder {outputDir} is in use by another run (it holds {lockFile}); wait for that run to finish or choose another --output folder")
{
    /// <summary>The folder that is locked.</summary>
    public string OutputDir { get; } = outputDir;

    /// <summary>The lock file.</summary>
    public string LockFile { get; } = lockFile;
}
