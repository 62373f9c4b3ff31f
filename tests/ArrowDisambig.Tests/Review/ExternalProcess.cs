using System.Diagnostics;

namespace ArrowDisambig.Tests.Review;

/// <summary>Runs a program to completion and captures its output (for the CLI and the browser tests).</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="file"/>; a run that hangs past <paramref name="limit"/> is killed and reported, never waited on forever.</summary>
    public static Result Run(string file, IEnumerable<string> args, TimeSpan limit, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {limit.TotalSeconds:0} s; stderr: {stderr.Result}");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The built CLI, run with the same dotnet host as the tests.</summary>
    public static Result Cli(params string[] args) => Run(DotnetHost, [CliDll, .. args], TimeSpan.FromMinutes(5));

    /// <summary>Starts the built CLI and returns at once, for tests that stop it midway; its output is drained.</summary>
    public static (Process Process, Task<string> Stderr) StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[CliDll, .. args]) psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {DotnetHost}");
        _ = p.StandardOutput.ReadToEndAsync();
        return (p, p.StandardError.ReadToEndAsync());
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string CliDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "arrow-disambig.dll");

    /// <summary>A chromium on PATH, or null.</summary>
    public static string? FindChromium() =>
        new[] { "chromium", "chromium-browser", "google-chrome", "chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}
