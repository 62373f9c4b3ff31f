using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Pipeline;

public class RunTests
{
    private static (BatchRunner Runner, PageProcessor Processor) DefaultRunner()
    {
        var def = PipelineDefinition.Load(null);
        var (processor, model) = ScorerFactory.Create(def);
        return (new BatchRunner(processor, def, model), processor);
    }

    private static List<string[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    [Test]
    public void Seed_page_is_one_identity_of_43_papers()
    {
        var (runner, _) = DefaultRunner();
        string outDir = TestPaths.NewTempDir();
        var summary = runner.Run([TestPaths.Seed], outDir);
        Assert.That(summary.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(summary.Papers, Is.EqualTo(43));
        var rows = ReadCsv(Path.Combine(outDir, "assignments.csv"));
        Assert.That(rows, Has.Count.EqualTo(43));
        Assert.That(rows.Select(r => r[4]).Distinct().Count(), Is.EqualTo(1), "identity ids");
        Assert.That(File.ReadAllLines(Path.Combine(outDir, "identities.csv")), Has.Length.EqualTo(2));
        Assert.That(File.Exists(Path.Combine(outDir, "run.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(outDir, "graphs", "jimmy-ba.dot")), Is.True);
    }

    [Test]
    public void Every_paper_appears_exactly_once_and_a_bad_file_does_not_stop_the_batch()
    {
        string inDir = TestPaths.NewTempDir();
        File.Copy(TestPaths.Seed, Path.Combine(inDir, "a.txt"));
        File.WriteAllText(Path.Combine(inDir, "bad.txt"), "not an arrow page");
        Directory.CreateDirectory(Path.Combine(inDir, "sub"));
        File.Copy(TestPaths.Seed, Path.Combine(inDir, "sub", "b.txt"));
        var (runner, _) = DefaultRunner();
        string outDir = TestPaths.NewTempDir();
        var summary = runner.Run([inDir], outDir);
        Assert.That(summary.ExitCode, Is.EqualTo(ExitCodes.SomeInputsFailed));
        Assert.That(summary.Failures.Single().Error, Does.StartWith("bad.txt:1:"));
        var rows = ReadCsv(Path.Combine(outDir, "assignments.csv"));
        Assert.That(rows, Has.Count.EqualTo(86));
        Assert.That(rows.Select(r => (r[0], r[1])).Distinct().Count(), Is.EqualTo(86));
        Assert.That(rows.Select(r => r[0]).Distinct(), Is.EquivalentTo(new[] { "a.txt", "sub/b.txt" }));
    }

    [Test]
    public void Identity_ids_are_deterministic_and_independent_of_page_order()
    {
        var (_, processor) = DefaultRunner();
        var page = ArrowPageParser.ParseFile(TestPaths.Seed);
        var reversed = page with { Papers = page.Papers.Reverse().Select((p, i) => p with { Index = i + 1 }).ToList() };
        var a = processor.Process(page);
        var b = processor.Process(reversed);
        var idsA = page.Papers.Select((p, i) => (PaperKey.Of(p), a.IdentityIds[i])).OrderBy(x => x.Item1).ToList();
        var idsB = reversed.Papers.Select((p, i) => (PaperKey.Of(p), b.IdentityIds[i])).OrderBy(x => x.Item1).ToList();
        Assert.That(idsB, Is.EqualTo(idsA));
    }

    [Test]
    public void Pipeline_files_are_validated()
    {
        string dir = TestPaths.NewTempDir();
        string bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, """{ "name": "x", "stages": [ { "stage": "parse" }, { "stage": "cluster" } ] }""");
        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinition.Load(bad));
        Assert.That(e!.Message, Does.Contain("stages must be"));
        File.WriteAllText(bad, "{ not json");
        Assert.Throws<PipelineDefinitionException>(() => PipelineDefinition.Load(bad));
        Assert.That(PipelineDefinition.Load(Path.Combine(TestPaths.RepoRoot, "pipelines", "baseline.json")).Name, Is.EqualTo("baseline"));
    }

    [Test]
    public void Baseline_pipeline_runs_without_a_model()
    {
        var def = PipelineDefinition.Load(Path.Combine(TestPaths.RepoRoot, "pipelines", "baseline.json"));
        var (processor, model) = ScorerFactory.Create(def);
        Assert.That(model, Does.Contain("baseline"));
        var r = processor.Process(ArrowPageParser.ParseFile(TestPaths.Seed));
        Assert.That(r.Assignment.Labels, Has.Count.EqualTo(43));
    }
}
