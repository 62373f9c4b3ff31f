using System.Globalization;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Export;

/// <summary>A name (co-author or venue) and on how many of an identity's papers it appears.</summary>
public sealed record NamedCount(string Name, int Count)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Count.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>
/// The cleaned profile of one identity for downstream systems, with raw values; <c>identities.csv</c> shows it
/// as text and <c>identities.jsonl</c> as JSON.
/// </summary>
/// <param name="IdentityId">Stable id, carried over between runs.</param>
/// <param name="Source">Page file.</param>
/// <param name="ClusterName">Page name.</param>
/// <param name="DisplayName">The fullest printed form of the name on the identity's papers.</param>
/// <param name="NameVariants">Every printed form, most frequent first.</param>
/// <param name="PaperCount">Number of papers.</param>
/// <param name="PaperKeys">Keys of the papers, in page order.</param>
/// <param name="FirstYear">Earliest publication year, when any is known.</param>
/// <param name="LastYear">Latest publication year, when any is known.</param>
/// <param name="TopVenues">Most frequent venues.</param>
/// <param name="TopCoauthors">Most frequent co-authors.</param>
/// <param name="TopicTerms">Title words typical of this identity on its page.</param>
/// <param name="Status"><c>proposed</c> or <c>confirmed</c>.</param>
/// <param name="Confidence">Mean paper confidence.</param>
public sealed record IdentityProfile(
    string IdentityId,
    string Source,
    string ClusterName,
    string DisplayName,
    IReadOnlyList<string> NameVariants,
    int PaperCount,
    IReadOnlyList<string> PaperKeys,
    int? FirstYear,
    int? LastYear,
    IReadOnlyList<NamedCount> TopVenues,
    IReadOnlyList<NamedCount> TopCoauthors,
    IReadOnlyList<string> TopicTerms,
    string Status,
    double Confidence)
{
    /// <summary>The profile as a CSV row: lists joined with <c>; </c> (paper keys with spaces), counts in brackets.</summary>
    public IdentityRow ToRow() => new()
    {
        IdentityId = IdentityId,
        Source = Source,
        ClusterName = ClusterName,
        DisplayName = DisplayName,
        NameVariants = string.Join("; ", NameVariants),
        PaperCount = PaperCount,
        PaperKeys = string.Join(" ", PaperKeys),
        FirstYear = FirstYear,
        LastYear = LastYear,
        TopVenues = string.Join("; ", TopVenues),
        TopCoauthors = string.Join("; ", TopCoauthors),
        TopicTerms = string.Join("; ", TopicTerms),
        Status = Status,
        Confidence = Confidence,
    };
}

/// <summary>Builds identity profiles from a page result. Pure functions.</summary>
public static class IdentityProfiles
{
    /// <summary>One profile per identity of the page, largest first.</summary>
    /// <param name="r">The page result, with final identity ids.</param>
    /// <param name="top">How many venues, co-authors and topic terms to keep.</param>
    /// <param name="status">The review status of an identity id.</param>
    public static IEnumerable<IdentityProfile> Build(PageResult r, int top, Func<string, string> status)
    {
        var topics = TopicTerms.ForPage(r.Page.Papers);
        return Enumerable.Range(0, r.Page.Papers.Count).GroupBy(p => r.IdentityIds[p])
            .Select(g => Build(r, g.Key, g.ToList(), top, status(g.Key), topics))
            .OrderByDescending(x => x.PaperCount).ThenBy(x => x.IdentityId, StringComparer.Ordinal);
    }

    private static IdentityProfile Build(PageResult r, string id, List<int> papers, int top, string status, TopicTerms topics)
    {
        var years = papers.Select(p => r.Page.Papers[p].Year).OfType<int>().ToList();
        var variants = papers.Select(p => r.Context.Target(p).Original).Where(s => s.Length > 0)
            .GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Key).ToList();
        // The fullest printed form: most letters, then most common.
        string display = variants.OrderByDescending(v => v.Count(char.IsLetter)).FirstOrDefault() ?? r.Page.ClusterName;
        return new IdentityProfile(
            IdentityId: id,
            Source: r.Page.Source,
            ClusterName: r.Page.ClusterName,
            DisplayName: display,
            NameVariants: variants,
            PaperCount: papers.Count,
            PaperKeys: papers.Select(p => PaperKey.Of(r.Page.Papers[p])).ToList(),
            FirstYear: years.Count > 0 ? years.Min() : null,
            LastYear: years.Count > 0 ? years.Max() : null,
            TopVenues: Evidence.TopVenues(r, papers, top).Select(x => new NamedCount(x.Name, x.Count)).ToList(),
            TopCoauthors: Evidence.TopCoauthors(r, papers, top).Select(x => new NamedCount(x.Name, x.Count)).ToList(),
            TopicTerms: topics.Of(papers, top),
            Status: status,
            Confidence: Math.Round(papers.Average(p => r.Assignment.Confidence[p]), 4));
    }
}

/// <summary>
/// Title words that are typical of a set of papers compared with the rest of their page. Built once per page
/// (each title folded once), so profiling every identity of a page costs one pass over its papers.
/// </summary>
public sealed class TopicTerms
{
    private readonly string[][] _words;
    private readonly Dictionary<string, int> _pageCounts;

    private TopicTerms(string[][] words, Dictionary<string, int> pageCounts)
    {
        _words = words;
        _pageCounts = pageCounts;
    }

    /// <summary>Indexes the titles of a page.</summary>
    public static TopicTerms ForPage(IReadOnlyList<Paper> page)
    {
        var words = page.Select(p => Features.PageTextIndex.Words(TextFold.Fold(p.Title)).Distinct().ToArray()).ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in words.SelectMany(x => x)) counts[w] = counts.GetValueOrDefault(w) + 1;
        return new TopicTerms(words, counts);
    }

    /// <summary>
    /// Up to <paramref name="top"/> folded title words of <paramref name="papers"/>, scored by how many of them use
    /// a word times ln((n + 1) / (uses elsewhere on the page + 1)): frequent here, rare in the other identities.
    /// A set of three or more papers needs a word on at least two of them, so one title cannot speak for a person.
    /// </summary>
    public IReadOnlyList<string> Of(IReadOnlyCollection<int> papers, int top)
    {
        var here = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int p in papers) foreach (var w in _words[p]) here[w] = here.GetValueOrDefault(w) + 1;
        int minUses = papers.Count >= 3 ? 2 : 1;
        double n = _words.Length + 1;
        return here.Where(x => x.Value >= minUses)
            .Select(x => (Word: x.Key, Score: x.Value * Math.Log(n / (_pageCounts[x.Key] - x.Value + 1))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Word, StringComparer.Ordinal)
            .Take(top).Select(x => x.Word).ToList();
    }

    /// <inheritdoc cref="Of(IReadOnlyCollection{int}, int)"/>
    public static IReadOnlyList<string> Of(IReadOnlyList<Paper> page, IReadOnlyCollection<int> papers, int top) => ForPage(page).Of(papers, top);
}
