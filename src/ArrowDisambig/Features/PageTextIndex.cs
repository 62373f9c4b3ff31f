using System.Runtime.InteropServices;
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
        var venueCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string v in venueKey)
            if (v.Length > 0) CollectionsMarshal.GetValueRefOrAddDefault(venueCount, v, out _)++;
        VenueCount = venueCount;
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
        // One id space for four kinds of key (title word, title 3-gram, venue word, abstract word), ids given in
        // order of first use; keys are looked up as spans of the folded text, so no substring is allocated.
        var vocab = new Vocabulary();
        int n = papers.Count;
        var title = new int[n][];
        var grams = new int[n][];
        var venue = new int[n][];
        var venueKey = new string[n];
        var absTf = new Dictionary<int, int>[n];
        var ids = new List<int>();
        Span<char> noSpaces = stackalloc char[256];
        for (int p = 0; p < n; p++)
        {
            var paper = papers[p];
            string foldedTitle = TextFold.Fold(paper.Title);

            ids.Clear();
            foreach (var range in foldedTitle.AsSpan().Split(' '))
            {
                var w = foldedTitle.AsSpan(range);
                if (IsContentWord(w)) ids.Add(vocab.Id(Vocabulary.Title, w));
            }
            title[p] = vocab.Distinct(ids);

            ids.Clear();
            int length = foldedTitle.Length - foldedTitle.AsSpan().Count(' ');
            Span<char> letters = length <= noSpaces.Length ? noSpaces[..length] : new char[length];
            int k = 0;
            foreach (char c in foldedTitle) if (c != ' ') letters[k++] = c;
            for (int i = 0; i + 3 <= letters.Length; i++) ids.Add(vocab.Id(Vocabulary.Trigram, letters.Slice(i, 3)));
            grams[p] = vocab.Distinct(ids);

            venueKey[p] = IsUnknownVenue(paper.Venue) ? "" : TextFold.Fold(paper.Venue);
            ids.Clear();
            foreach (var range in venueKey[p].AsSpan().Split(' '))
                if (range.End.Value > range.Start.Value) ids.Add(vocab.Id(Vocabulary.Venue, venueKey[p].AsSpan(range)));
            venue[p] = vocab.Distinct(ids);

            var tf = absTf[p] = new();
            if (paper.Abstract.Length > 0)
            {
                string folded = TextFold.Fold(paper.Abstract);
                foreach (var range in folded.AsSpan().Split(' '))
                {
                    var w = folded.AsSpan(range);
                    if (IsContentWord(w)) CollectionsMarshal.GetValueRefOrAddDefault(tf, vocab.Id(Vocabulary.Abstract, w), out _)++;
                }
            }
            foreach (int id in tf.Keys) vocab.Df[id]++;
        }
        var idf = vocab.Df.Select(d => d == 0 ? 0f : MathF.Log((float)n / d)).ToArray();
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
    }

    /// <summary>The page vocabulary: one map per kind of key, one id counter, document frequencies.</summary>
    private sealed class Vocabulary
    {
        public const int Title = 0, Trigram = 1, Venue = 2, Abstract = 3;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _maps =
            Enumerable.Range(0, 4).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();

        public List<int> Df { get; } = [];

        public int Id(int kind, ReadOnlySpan<char> key)
        {
            var map = _maps[kind];
            if (!map.TryGetValue(key, out int id)) { map[key] = id = Df.Count; Df.Add(0); }
            return id;
        }

        /// <summary>The distinct ids, ascending; counts each once in its document frequency.</summary>
        public int[] Distinct(List<int> ids)
        {
            ids.Sort();
            int distinct = 0;
            for (int i = 0; i < ids.Count; i++)
                if (i == 0 || ids[i] != ids[i - 1]) ids[distinct++] = ids[i];
            var result = new int[distinct];
            for (int i = 0; i < distinct; i++) { result[i] = ids[i]; Df[ids[i]]++; }
            return result;
        }
    }

    private static bool IsContentWord(ReadOnlySpan<char> w) => w.Length >= 3 && !StopWordLookup.Contains(w) && !char.IsDigit(w[0]);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

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
