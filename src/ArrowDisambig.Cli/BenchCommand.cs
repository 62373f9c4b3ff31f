using System.CommandLine;
using System.Diagnostics;
using ArrowDisambig.Bench;
using ArrowDisambig.Pipeline;
using Spectre.Console;

namespace ArrowDisambig.Cli;

/// <summary>The <c>bench</c> command: runs each scenario in its own process (so peak memory is the scenario's own) and collects a table.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Labelled data folder (for the dev-pages scenario)", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for bench.csv and scratch files", DefaultValueFactory = _ => "output/bench" };
        var scenario = new Option<string>("--scenario") { Description = "all, or one of: " + string.Join(", ", BenchScenario.All.Select(s => s.Name)), DefaultValueFactory = _ => "all" };
        var pipeline = new Option<string?>("--pipeline", "-p") { Description = "Pipeline file; default: the embedded default pipeline" };
        var cmd = new Command("bench", "Measure speed and memory per stage on the dev pages and synthetic pages; write bench.csv") { data, output, scenario, pipeline };
        cmd.SetAction(r =>
        {
            string outDir = Path.GetFullPath(r.GetValue(output)!);
            string name = r.GetValue(scenario)!;
            if (name != "all") return RunOne(name, outDir, r.GetValue(data)!, r.GetValue(pipeline));
            var rows = new List<BenchRow>();
            foreach (var s in BenchScenario.All)
            {
                var args = new List<string> { "bench", "--scenario", s.Name, "--output", outDir, "--data", Path.GetFullPath(r.GetValue(data)!) };
                if (r.GetValue(pipeline) is { } p) { args.Add("--pipeline"); args.Add(Path.GetFullPath(p)); }
                var psi = new ProcessStartInfo(Environment.ProcessPath!, args) { UseShellExecute = false };
                using var child = Process.Start(psi)!;
                child.WaitForExit();
                string csv = Path.Combine(outDir, $"bench-{s.Name}.csv");
                if (File.Exists(csv)) rows.AddRange(Benchmark.Read(csv));
            }
            Benchmark.Write(Path.Combine(outDir, "bench.csv"), rows);
            Print(rows);
            Console.WriteLine($"Written {Path.Combine(outDir, "bench.csv")}");
            return rows.All(x => x.Met) ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
        });
        return cmd;
    }

    private static int RunOne(string name, string outDir, string data, string? pipelinePath)
    {
        var scenario = BenchScenario.All.FirstOrDefault(s => s.Name == name);
        if (scenario is null) { Console.Error.WriteLine($"error: unknown scenario '{name}'"); return ExitCodes.UsageError; }
        var def = PipelineDefinition.Load(pipelinePath);
        var (processor, _) = ScorerFactory.Create(def);
        string scratch = Path.Combine(outDir, "scratch", name);
        var input = Benchmark.Prepare(scenario, scratch, Directory.Exists(data) ? data : null);
        if (input is null) { Console.Error.WriteLine($"{name}: skipped: its data ({data}/arrow) is not on this machine"); return ExitCodes.Ok; }
        Console.Error.WriteLine($"{name}: running...");
        var row = Benchmark.Run(scenario, input, Path.Combine(scratch, "output"), processor, def);
        Benchmark.Write(Path.Combine(outDir, $"bench-{name}.csv"), [row]);
        Directory.Delete(scratch, true);
        Print([row]);
        return ExitCodes.Ok;
    }

    private static void Print(IEnumerable<BenchRow> rows)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var t = new Table();
        foreach (var c in new[] { "scenario", "pages", "papers", "pairs", "parse s", "graph s", "features s", "score s", "cluster s", "write s", "total s", "pairs/s", "papers/s", "peak MiB", "met" })
            t.AddColumn(c);
        foreach (var r in rows)
            t.AddRow(r.Scenario, r.Pages.ToString(), r.Papers.ToString(), r.Pairs.ToString(), r.Parse.ToString("0.00"), r.Graph.ToString("0.00"),
                r.Features.ToString("0.00"), r.Score.ToString("0.00"), r.Cluster.ToString("0.00"), r.Write.ToString("0.00"), r.Total.ToString("0.00"),
                r.PairsPerSecond.ToString("0"), r.PapersPerSecond.ToString("0"), r.PeakMiB.ToString("0"), r.Met ? "yes" : "NO");
        AnsiConsole.Write(t);
    }
}
