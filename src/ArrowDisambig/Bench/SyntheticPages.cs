using System.Globalization;
using System.Text;

namespace ArrowDisambig.Bench;

/// <summary>Settings of the synthetic page generator; every number is documented in README (Performance).</summary>
/// <param name="Papers">Papers on the page.</param>
/// <param name="PapersPerPerson">Mean papers per person; person sizes follow a Zipf-like law around it.</param>
/// <param name="Seed">Seed: the same settings give the same page, byte for byte.</param>
public sealed record SyntheticPageOptions(int Papers, double PapersPerPerson, int Seed);

/// <summary>
/// A deterministic generator of realistic Arrow pages for benchmarks: one shared name held by several
/// people, each with a circle of co-authors, favourite venues, a few research topics and a career span.
/// Papers have 1–12 authors (printed lists capped at 8 as Arrow does), 6–14 word titles and abstracts on
/// about half of them, so parsing, the graph, features, scoring and clustering all see realistic loads.
/// </summary>
public static class SyntheticPages
{
    private static readonly string[] Given =
    [
        "Wei", "Lei", "Jing", "Yang", "Hao", "Bin", "Xin", "Yu", "Li", "Min", "John", "David", "Maria", "Anna", "Peter", "Ahmed",
        "Priya", "Sanjay", "Elena", "Marco", "Sofia", "Kenji", "Hiroshi", "Olga", "Ivan", "Laura", "Carlos", "Fatima", "Ali", "Chen",
    ];
    private static readonly string[] Surnames =
    [
        "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Smith", "Johnson", "Garcia", "Muller", "Rossi",
        "Kumar", "Singh", "Tanaka", "Sato", "Ivanov", "Novak", "Silva", "Costa", "Kim", "Park", "Nguyen", "Cohen", "Schmidt", "Moreau", "Larsen",
        "Okafor", "Haddad", "Petrov", "Jansen", "Dubois", "Fischer", "Romano", "Lopez", "Sharma", "Gupta",
    ];
    private static readonly string[] Venues =
    [
        "NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ACL", "EMNLP", "KDD", "WWW", "SIGIR", "VLDB", "SIGMOD", "ICDE", "AAAI", "IJCAI",
        "Bioinformatics", "Nucleic Acids Research", "IEEE Trans. Signal Process.", "J. Mach. Learn. Res.", "Pattern Recognition",
        "IEEE Trans. Image Process.", "Neurocomputing", "Inf. Sci.", "Comput. Networks", "INFOCOM", "MobiCom", "SODA", "STOC", "FOCS", "CHI",
    ];
    private const int TopicCount = 120;
    private const int WordsPerTopic = 25;

    /// <summary>Renders a synthetic page as Arrow text.</summary>
    public static string Render(SyntheticPageOptions o, string pageName)
    {
        var rng = new Random(o.Seed);
        var people = People(o, rng);
        var weights = people.Select(p => p.Weight).ToArray();
        var sb = new StringBuilder(o.Papers * 900);
        sb.Append("Arrow Research search\n\nAuthor name cluster\n\n").Append(pageName).Append('\n');
        sb.Append("\nPossible papers associated with this exact author name in Arrow. This page groups case-insensitive exact name matches and is not a full identity disambiguation profile.\n\n");
        sb.Append(o.Papers).Append(" papers\n1 author rows\n\nPossible papers\n\n").Append(o.Papers).Append("\n\n");
        for (int i = 0; i < o.Papers; i++)
        {
            var person = people[Pick(rng, weights)];
            int year = rng.Next(person.FirstYear, person.FirstYear + person.Span + 1);
            string venue = rng.NextDouble() < 0.8 ? person.Venues[rng.Next(person.Venues.Length)] : Venues[rng.Next(Venues.Length)];
            bool journal = venue.Contains('.') || venue.Length > 14;
            sb.Append(venue).Append(journal ? " Journal " : " Conference ").Append(year.ToString(CultureInfo.InvariantCulture))
              .Append(journal ? " Journal Article\n\n" : " Conference Paper\n\n");
            sb.Append(Title(rng, person)).Append("\n\n");
            int authors = 1 + (int)Math.Min(11, -Math.Log(1 - rng.NextDouble()) * 3.2);
            var list = new List<string>();
            for (int a = 0; a < authors - 1; a++)
                list.Add(rng.NextDouble() < 0.75 ? person.Coauthors[rng.Next(person.Coauthors.Length)] : RandomName(rng));
            list.Insert(rng.Next(list.Count + 1), pageName);
            foreach (var name in list.Distinct().Take(8)) sb.Append("  • ").Append(name).Append('\n');
            sb.Append('\n');
            if (rng.NextDouble() < 0.5) sb.Append(Abstract(rng, person)).Append("\n\n");
        }
        return sb.ToString();
    }

    private sealed record Person(double Weight, string[] Coauthors, string[] Venues, int[] Topics, int FirstYear, int Span);

    private static List<Person> People(SyntheticPageOptions o, Random rng)
    {
        int count = Math.Max(1, (int)Math.Round(o.Papers / o.PapersPerPerson));
        var people = new List<Person>(count);
        for (int i = 0; i < count; i++)
        {
            double weight = 1.0 / Math.Pow(i + 1, 0.8);
            var coauthors = Enumerable.Range(0, 4 + rng.Next(30)).Select(_ => RandomName(rng)).Distinct().ToArray();
            var venues = Enumerable.Range(0, 2 + rng.Next(4)).Select(_ => Venues[rng.Next(Venues.Length)]).Distinct().ToArray();
            var topics = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => rng.Next(TopicCount)).ToArray();
            int first = 1985 + rng.Next(35);
            people.Add(new Person(weight, coauthors, venues, topics, first, Math.Min(2025 - first, 3 + rng.Next(25))));
        }
        return people;
    }

    private static string RandomName(Random rng) => $"{Given[rng.Next(Given.Length)]} {(rng.NextDouble() < 0.3 ? (char)('A' + rng.Next(26)) + ". " : "")}{Surnames[rng.Next(Surnames.Length)]}";

    private static string Word(Random rng, int topic) => $"{Syllable(topic * 7 + 1)}{Syllable(rng.Next(WordsPerTopic) + topic * 31)}";

    private static string Syllable(int k)
    {
        const string consonants = "bcdfghklmnprstvz";
        const string vowels = "aeiou";
        k = (int)((k * 2654435761L) & 0xFFFFF);
        return $"{consonants[k % 16]}{vowels[(k / 16) % 5]}{consonants[(k / 80) % 16]}{vowels[(k / 1280) % 5]}";
    }

    private static string Title(Random rng, Person p)
    {
        int n = 6 + rng.Next(9);
        var words = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7 ? Word(rng, p.Topics[rng.Next(p.Topics.Length)]) : Word(rng, rng.Next(TopicCount)));
        var s = string.Join(' ', words);
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    private static string Abstract(Random rng, Person p)
    {
        int n = 40 + rng.Next(80);
        var words = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? Word(rng, p.Topics[rng.Next(p.Topics.Length)]) : Word(rng, rng.Next(TopicCount)));
        return "We study " + string.Join(' ', words) + ".";
    }

    private static int Pick(Random rng, double[] weights)
    {
        double r = rng.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length; i++) { r -= weights[i]; if (r <= 0) return i; }
        return weights.Length - 1;
    }
}
