using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>
/// Per-page text statistics the pair features read: titles, venues and abstracts as sorted ids of a
/// page-local vocabulary with in-page IDF, so each pair feature is a merge of two sorted arrays.
/// </summary>
public sealed class PageTextIndex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "by", "from", "at", "as", "is", "are",
        "its", "via", "using", "based", "into", "over", "under", "towards", "toward", "new", "approach", "method",
        "study", "analysis", "de", "la", "le", "et", "der", "und", "die", "el", "en", "del", "non", "use",
    };

    private PageTextIndex(int[][] title, int[][] titleGrams, int[][] venue, string[] venueKey, SparseVector[] abstracts, SparseVector[] titleVectors, float[] idf, float[][] topics)
    {
        Topics = topics;
        TitleWords = title; TitleTrigrams = titleGrams; VenueTokens = venue; VenueKey = venueKey; Abstracts = abstracts; TitleVectors = titleVectors; Idf = idf;
        VenueCount = venueKey.Where(v => v.Length > 0).GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Per paper: sorted ids of its distinct title words (stop words dropped).</summary>
    public int[][] TitleWords { get; }
    /// <summary>Per paper: sorted ids of the character 3-grams of its folded title.</summary>
    public int[][] TitleTrigrams { get; }
    /// <summary>Per paper: sorted ids of its venue's words.</summary>
    public int[][] VenueTokens { get; }
    /// <summary>Per paper: folded venue, empty when unknown.</summary>
    public string[] VenueKey { get; }
    /// <summary>Per paper: L2-normalised TF-IDF vector of the abstract; empty when there is no abstract.</summary>
    public SparseVector[] Abstracts { get; }
    /// <summary>Per paper: L2-normalised TF-IDF vector of the title's content words.</summary>
    public SparseVector[] TitleVectors { get; }
    /// <summary>Per paper: its title and abstract in the shipped <see cref="TopicSpace"/>; empty when unknown.</summary>
    public float[][] Topics { get; }
    /// <summary>Papers per folded venue on this page.</summary>
    public IReadOnlyDictionary<string, int> VenueCount { get; }
    /// <summary>In-page inverse document frequency of every vocabulary id: ln(n / df).</summary>
    public float[] Idf { get; }

    /// <summary>Indexes the papers of one page.</summary>
    public static PageTextIndex Build(IReadOnlyList<Parsing.Paper> papers, TopicSpace? topics = null)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        int n = papers.Count;
        var title = new int[n][];
        var grams = new int[n][];
        var venue = new int[n][];
        var venueKey = new string[n];
        var absTf = new Dictionary<int, int>[n];
        for (int p = 0; p < n; p++)
        {
            var paper = papers[p];
            string foldedTitle = TextFold.Fold(paper.Title);
            title[p] = Ids(Words(foldedTitle), "t:");
            grams[p] = Ids(Trigrams(foldedTitle), "g:");
            venueKey[p] = IsUnknownVenue(paper.Venue) ? "" : TextFold.Fold(paper.Venue);
            venue[p] = Ids(venueKey[p].Split(' ', StringSplitOptions.RemoveEmptyEntries), "v:");
            absTf[p] = new();
            if (paper.Abstract.Length > 0)
                foreach (var w in Words(TextFold.Fold(paper.Abstract)))
                {
                    int id = Id("a:" + w);
                    absTf[p][id] = absTf[p].GetValueOrDefault(id) + 1;
                }
            foreach (int id in absTf[p].Keys) df[id]++;
        }
        var idf = df.Select(d => d == 0 ? 0f : MathF.Log((float)n / d)).ToArray();
        var abstracts = new SparseVector[n];
        var titleVectors = new SparseVector[n];
        for (int p = 0; p < n; p++)
        {
            var tf = absTf[p];
            abstracts[p] = SparseVector.Normalised(tf.Select(x => KeyValuePair.Create(x.Key, (1 + MathF.Log(x.Value)) * idf[x.Key])));
            titleVectors[p] = SparseVector.Normalised(title[p].Select(id => KeyValuePair.Create(id, idf[id])));
        }
        var topicVectors = papers.Select(p => topics?.Project(p.Title + " " + p.Abstract) ?? []).ToArray();
        return new PageTextIndex(title, grams, venue, venueKey, abstracts, titleVectors, idf, topicVectors);

        int Id(string key)
        {
            if (!vocab.TryGetValue(key, out int id)) { vocab[key] = id = vocab.Count; df.Add(0); }
            return id;
        }
        int[] Ids(IEnumerable<string> items, string prefix)
        {
            var ids = items.Select(s => Id(prefix + s)).Distinct().Order().ToArray();
            foreach (int id in ids) df[id]++;
            return ids;
        }
    }

    /// <summary>Content words of folded text: at least 3 characters, not a stop word, not a number.</summary>
    public static IEnumerable<string> Words(string folded)
    {
        foreach (var w in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (w.Length >= 3 && !StopWords.Contains(w) && !char.IsDigit(w[0])) yield return w;
    }

    private static IEnumerable<string> Trigrams(string folded)
    {
        string s = folded.Replace(" ", "", StringComparison.Ordinal);
        for (int i = 0; i + 3 <= s.Length; i++) yield return s.Substring(i, 3);
    }

    private static bool IsUnknownVenue(string venue) =>
        venue.Length == 0 || venue.Equals("Unknown Venue", StringComparison.OrdinalIgnoreCase);
}
