using System.Globalization;
using System.Reflection;
using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>How common a page's name is: the prior that two papers with this name are by different people.</summary>
/// <param name="InitialsOnly">The given name is a single initial.</param>
/// <param name="GivenFrequency">ln(1 + count of the given name among co-authors in the corpora); 0 for initials.</param>
/// <param name="SurnameFrequency">ln(1 + count of the surname among co-authors in the corpora).</param>
/// <param name="EastAsian">The surname is a common Chinese, Korean or Vietnamese surname, where many people share a full name.</param>
public sealed record NamePrior(bool InitialsOnly, float GivenFrequency, float SurnameFrequency, bool EastAsian);

/// <summary>
/// Given-name and surname counts. Derived by <c>arrow-disambig train</c> from the co-author names of the
/// labelled corpora (the ambiguous mentions themselves are left out, so each block's name does not count
/// itself thousands of times) and shipped as <c>models/name-frequencies.tsv</c>, embedded in the library.
/// </summary>
public sealed class NameFrequencies
{
    private readonly IReadOnlyDictionary<string, int> _given;
    private readonly IReadOnlyDictionary<string, int> _surname;

    // Common surnames of Chinese (pinyin), Korean and Vietnamese romanisations: full-name collisions are
    // frequent there, which is the case the prior is for.
    private static readonly HashSet<string> EastAsianSurnames = new(StringComparer.Ordinal)
    {
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo",
        "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng",
        "xiao", "tian", "dong", "yuan", "pan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren",
        "shen", "yao", "jin", "fu", "zhong", "cui", "tan", "fan", "wan", "shi", "qian", "qin", "kong", "bai", "mao", "xia",
        "hou", "gu", "meng", "long", "wen", "qiu", "duan", "lei", "hao", "kim", "lee", "park", "choi", "jung", "kang", "cho",
        "yoon", "jang", "lim", "shin", "oh", "seo", "kwon", "hwang", "ahn", "song", "yoo", "hong", "nguyen", "tran", "le", "pham",
        "hoang", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "chan", "wong", "cheung", "leung", "ng",
    };

    /// <summary>Creates a table from counts.</summary>
    public NameFrequencies(IReadOnlyDictionary<string, int> given, IReadOnlyDictionary<string, int> surname)
    {
        _given = given;
        _surname = surname;
    }

    /// <summary>An empty table: every name counts as unseen.</summary>
    public static NameFrequencies Empty { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());

    /// <summary>The prior of a page name.</summary>
    public NamePrior PriorOf(PersonName name) => new(
        name.IsInitialsOnly,
        name.IsInitialsOnly ? 0 : MathF.Log(1 + _given.GetValueOrDefault(name.Given)),
        MathF.Log(1 + _surname.GetValueOrDefault(name.SurnameKey)),
        EastAsianSurnames.Contains(name.SurnameKey) || EastAsianSurnames.Contains(name.Given));

    /// <summary>Counts given names and surnames of co-authors (every author but the ambiguous mention).</summary>
    public static NameFrequencies Count(IEnumerable<(IReadOnlyList<string> Authors, int Target)> papers)
    {
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var surname = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (authors, target) in papers)
            for (int a = 0; a < authors.Count; a++)
            {
                if (a == target) continue;
                var n = NameParser.Parse(authors[a]);
                if (n.IsEmpty) continue;
                if (!n.IsInitialsOnly && n.Given.Length > 0) given[n.Given] = given.GetValueOrDefault(n.Given) + 1;
                surname[n.SurnameKey] = surname.GetValueOrDefault(n.SurnameKey) + 1;
            }
        return new NameFrequencies(given, surname);
    }

    /// <summary>Writes <c>kind\tname\tcount</c> lines, names with fewer than <paramref name="minCount"/> left out.</summary>
    public void Write(TextWriter w, int minCount = 2)
    {
        w.WriteLine("# kind\tname\tcount  (co-author names in ../shared/data/norm/*.jsonl; see models/MODEL.md)");
        foreach (var (k, c) in _given.Where(x => x.Value >= minCount).OrderBy(x => x.Key, StringComparer.Ordinal)) w.WriteLine($"given\t{k}\t{c}");
        foreach (var (k, c) in _surname.Where(x => x.Value >= minCount).OrderBy(x => x.Key, StringComparer.Ordinal)) w.WriteLine($"surname\t{k}\t{c}");
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static NameFrequencies Read(TextReader r)
    {
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var surname = new Dictionary<string, int>(StringComparer.Ordinal);
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int c)) continue;
            (parts[0] == "given" ? given : surname)[parts[1]] = c;
        }
        return new NameFrequencies(given, surname);
    }

    /// <summary>The table shipped in this build, or <see cref="Empty"/> when the build has none.</summary>
    public static NameFrequencies Embedded()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("ArrowDisambig.models.name-frequencies.tsv");
        return s is null ? Empty : Read(new StreamReader(s));
    }
}
