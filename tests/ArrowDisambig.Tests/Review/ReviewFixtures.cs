using ArrowDisambig.Pipeline;
using System.Text;
using ArrowDisambig.Parsing;
using ArrowDisambig.Review;
using CsvHelper;

namespace ArrowDisambig.Tests.Review;

/// <summary>
/// Pages for review tests, built from the seed: the seed's 43 papers by the machine-learning Jimmy Ba plus
/// synthetic papers by three other people of the same name (a chemist, a botanist, an economist) with their
/// own co-authors, venues, years and topics, so a scorer proposes several identities.
/// </summary>
internal static class ReviewFixtures
{
    public const string Name = "Jimmy Ba";

    private sealed record Person(string[] Coauthors, string[] Venues, int FirstYear, string[] Titles, string[] Words, string Abstract);

    private static readonly Person ChemistPerson = new(
        ["Wei Zhang", "Laura Okafor", "Hans Mueller", "Priya Raman"],
        ["Journal of Organic Chemistry", "Organic Letters"], 1996,
        ["Palladium catalysed cross coupling of aryl {0}", "Total synthesis of {0} alkaloids", "Stereoselective hydrogenation of {0} ketones", "Ligand design for asymmetric {0} catalysis"],
        ["indole", "pyrrole", "quinoline", "terpene", "steroid", "lactone", "amine", "ester", "olefin", "boronic", "azide", "alkyne"],
        "We report a {0} reaction using palladium catalysts with high yields and enantioselectivity in organic solvents.");

    private static readonly Person BotanistPerson = new(
        ["Maria Santos", "Kofi Mensah", "Ana Lopez"],
        ["Plant Physiology", "Journal of Experimental Botany"], 2001,
        ["Drought tolerance in {0} seedlings", "Root growth responses of {0} to nitrogen", "Photosynthesis of {0} under heat stress"],
        ["maize", "sorghum", "cassava", "millet", "rice", "cowpea", "yam", "wheat", "barley", "oat"],
        "Field trials of {0} cultivars show that stomatal conductance and leaf water potential respond to soil moisture deficit.");

    private static readonly Person EconomistPerson = new(
        ["Robert Klein", "Sofia Rossi"],
        ["Journal of Development Economics", "World Development"], 1988,
        ["Microcredit and household {0} in rural Africa", "Remittances and {0} smoothing", "Informal labour markets and {0}"],
        ["consumption", "savings", "investment", "schooling", "migration", "health", "credit", "insurance"],
        "Using household survey panel data we estimate the effect of {0} on poverty and inequality in Senegal.");

    public static ClusterPage Seed() => ArrowPageParser.ParseFile(TestPaths.Seed);

    /// <summary>
    /// The rule baseline cut high, so the fixture's proposals hold several identities whatever the name prior
    /// says about a rare name: these tests are about decisions and ids, not about where the cut lies, and they
    /// must not depend on a retrained model.
    /// </summary>
    public static PipelineDefinition SplittingPipeline()
    {
        var def = PipelineDefinition.Load(Path.Combine(TestPaths.RepoRoot, "pipelines", "baseline.json"));
        return def with { Stages = def.Stages.Select(s => s.Stage == "cluster" ? s with { MinAffinity = 0.999 } : s).ToList() };
    }

    public static IReadOnlyList<Paper> Chemist(int count, int from = 0) => Papers(ChemistPerson, count, from, "Journal", "Journal Article");
    public static IReadOnlyList<Paper> Botanist(int count, int from = 0) => Papers(BotanistPerson, count, from, "Journal", "Journal Article");
    public static IReadOnlyList<Paper> Economist(int count, int from = 0) => Papers(EconomistPerson, count, from, "Journal", "Journal Article");

    /// <summary>New papers of the seed's person: written with the seed's frequent co-authors.</summary>
    public static IReadOnlyList<Paper> MachineLearner(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => new Paper(0, "ICLR", "Conference", 2025, "Conference Paper",
            $"Second-order optimisation of neural networks at scale, part {i + 1}",
            ["Roger B. Grosse", Name, "Harris Chan", "Keiran Paster"],
            "We study curvature approximations for training deep neural networks and language models.", default)).ToList();

    /// <summary>The four people of the review tests: seed (43) + chemist (10) + botanist (8) + economist (6).</summary>
    public static List<Paper> FourPeople() => [.. Seed().Papers, .. Chemist(10), .. Botanist(8), .. Economist(6)];

    private static List<Paper> Papers(Person who, int count, int from, string kind, string type) =>
        Enumerable.Range(from, count).Select(i =>
        {
            string word = who.Words[i % who.Words.Length];
            string title = string.Format(System.Globalization.CultureInfo.InvariantCulture, who.Titles[i % who.Titles.Length], word);
            return new Paper(0, who.Venues[i % who.Venues.Length], kind, who.FirstYear + i, type, title,
                [who.Coauthors[i % who.Coauthors.Length], Name, who.Coauthors[(i + 1) % who.Coauthors.Length]],
                string.Format(System.Globalization.CultureInfo.InvariantCulture, who.Abstract, word), default);
        }).ToList();

    /// <summary>The text of an Arrow page with these papers, in this order.</summary>
    public static string Render(IReadOnlyList<Paper> papers, string clusterName = Name)
    {
        var sb = new StringBuilder();
        sb.Append("Arrow Research search\n\nAuthor name cluster\n\n").Append(clusterName).Append('\n').Append('\n')
          .Append("Possible papers associated with this exact author name in Arrow.\n\n")
          .Append(papers.Count).Append(" papers\n\nPossible papers\n\n").Append(papers.Count).Append("\n\n");
        foreach (var p in papers)
        {
            sb.Append($"{p.Venue} {p.Kind} {p.Year} {p.PublicationType}\n\n{p.Title}\n\n");
            foreach (var a in p.Authors) sb.Append("  • ").Append(a).Append('\n');
            sb.Append('\n');
            if (p.Abstract.Length > 0) sb.Append(p.Abstract.Replace("\n\n", " ", StringComparison.Ordinal)).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes a page file and returns its path.</summary>
    public static string WritePage(string dir, string fileName, IReadOnlyList<Paper> papers, string clusterName = Name)
    {
        string path = Path.Combine(dir, fileName);
        File.WriteAllText(path, Render(papers, clusterName));
        return path;
    }

    /// <summary>A page in memory, as the parser would give it (indexes 1..n).</summary>
    public static ClusterPage Page(IReadOnlyList<Paper> papers, string source = "page.txt", string clusterName = Name) =>
        new(source, clusterName, papers.Count, papers.Select((p, i) => p with { Index = i + 1 }).ToList(), []);

    /// <summary>A deterministic shuffle.</summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var rng = new Random(seed);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>Reads the paper key → identity id map of a run's assignments.csv.</summary>
    public static Dictionary<string, string> IdsByKey(string outputDir)
    {
        using var reader = CsvReader.FromFile(Path.Combine(outputDir, "assignments.csv"), CsvReaderOptions.Default with { Separator = ',' });
        return reader.GetRecords<PreviousAssignmentRow>().ToDictionary(r => r.PaperKey, r => r.IdentityId);
    }

    /// <summary>Reads typed rows of an output CSV.</summary>
    public static List<T> Read<T>(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        return reader.GetRecords<T>().ToList();
    }

    /// <summary>Writes a decisions file: a header and one CSV line per row (fields quoted).</summary>
    public static string WriteDecisions(string dir, params string[][] rows)
    {
        string path = Path.Combine(dir, "decisions.csv");
        var sb = new StringBuilder("source,cluster_name,action,identity_ids,paper_keys,reviewer,date,note\n");
        foreach (var r in rows) sb.Append(string.Join(",", r.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append('\n');
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
