using System.Reflection;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Reliability;

/// <summary>The documented exit codes, from the CLI's entry point run in-process.</summary>
[NonParallelizable]
public class CliExitCodeTests
{
    private static (int Code, string Errors) Cli(params string[] args)
    {
        var entry = Assembly.Load("arrow-disambig").EntryPoint!;
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try
        {
            return ((int)entry.Invoke(null, [args])!, errors.ToString());
        }
        finally { Console.SetError(previous); }
    }

    private static string Page(TempDir t, string name, string text)
    {
        string path = Path.Combine(t.Sub("in"), name);
        File.WriteAllBytes(path, PageBuilder.Utf8(text));
        return path;
    }

    [Test]
    public void Good_input_exits_0()
    {
        using var t = new TempDir();
        var (code, _) = Cli("run", Page(t, "p.txt", PageBuilder.Small("Jane Doe", 2)), "--output", Path.Combine(t.Path, "out"));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public void Bad_input_exits_1_naming_file_and_line_and_the_rest_is_written()
    {
        using var t = new TempDir();
        Page(t, "good.txt", PageBuilder.Small("Jane Doe", 2));
        Page(t, "bad.txt", "not a page");
        Page(t, "\u001b[2Jescape.txt", "");
        string output = Path.Combine(t.Path, "out");
        var (code, errors) = Cli("run", Path.Combine(t.Path, "in"), "--output", output);
        Assert.That(code, Is.EqualTo(ExitCodes.SomeInputsFailed));
        Assert.That(errors, Does.Contain("error: bad.txt:1: expected the heading"));
        Assert.That(errors, Does.Contain("error: ?[2Jescape.txt:1: the file is empty"), "control characters in file names are not sent to the terminal");
        Assert.That(errors, Does.Not.Contain("\u001b"));
        Assert.That(Batch.Assignments(output), Has.Count.EqualTo(2));
    }

    [Test]
    public void Bad_pipeline_file_exits_2()
    {
        using var t = new TempDir();
        var (code, errors) = Cli("run", Page(t, "p.txt", PageBuilder.Small("Jane Doe", 2)), "--pipeline", Path.Combine(t.Path, "missing.json"));
        Assert.That(code, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors, Does.Contain("missing.json"));
    }

    [Test]
    public void Locked_output_folder_exits_4()
    {
        using var t = new TempDir();
        string output = t.Sub("out");
        using var held = OutputLock.Acquire(output);
        var (code, errors) = Cli("run", Page(t, "p.txt", PageBuilder.Small("Jane Doe", 2)), "--output", output);
        Assert.That(code, Is.EqualTo(ExitCodes.OutputLocked));
        Assert.That(errors, Does.Contain("in use by another run"));
        Assert.That(File.Exists(Path.Combine(output, "assignments.csv")), Is.False);
    }

    [Test]
    public void Second_process_is_refused_while_this_one_holds_the_folder()
    {
        using var t = new TempDir();
        string output = t.Sub("out");
        string page = Page(t, "p.txt", PageBuilder.Small("Jane Doe", 2));
        string cli = Path.Combine(Path.GetDirectoryName(typeof(OutputLock).Assembly.Location)!, "arrow-disambig.dll");
        using var held = OutputLock.Acquire(output);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { cli, "run", page, "--output", output }) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.OutputLocked), errors);
        Assert.That(errors, Does.Contain("in use by another run"));
    }

    [Test]
    public void Output_that_cannot_be_written_exits_5()
    {
        using var t = new TempDir();
        string notAFolder = Path.Combine(t.Path, "file");
        File.WriteAllText(notAFolder, "x");
        var (code, errors) = Cli("run", Page(t, "p.txt", PageBuilder.Small("Jane Doe", 2)), "--output", notAFolder);
        Assert.That(code, Is.EqualTo(ExitCodes.OutputNotWritten));
        Assert.That(errors, Does.Contain("cannot write the outputs"));
    }
}
