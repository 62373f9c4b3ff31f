using System.Globalization;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;
using ArrowDisambig.Review;

namespace ArrowDisambig.Export;

/// <summary>The nearest other identity on a page and the average affinity to it (what the clustering cut compares).</summary>
public sealed record Neighbour(string IdentityId, double Affinity);

/// <summary>Builds the review queue: one row per identity with evidence in plain words, riskiest first.</summary>
public static class ReviewQueue
{
    /// <summary>How many least-certain papers each row lists.</summary>
    public const int LeastCertainCount = 3;

    /// <summary>
    /// The queue's order, riskiest first: proposed before confirmed, then lowest confidence (a paper pulled
    /// towards another identity lowers it), then closest to another identity, then largest; ties by page and id.
    /// </summary>
    public static IComparer<ReviewRow> Riskiest { get; } = Comparer<ReviewRow>.Create((a, b) =>
    {
        int c = (a.Status == IdentityStatus.Confirmed ? 1 : 0).CompareTo(b.Status == IdentityStatus.Confirmed ? 1 : 0);
        if (c == 0) c = a.Confidence.CompareTo(b.Confidence);
        if (c == 0) c = (b.NearestAffinity ?? 0).CompareTo(a.NearestAffinity ?? 0);
        if (c == 0) c = b.PaperCount.CompareTo(a.PaperCount);
        if (c == 0) c = string.CompareOrdinal(a.Source, b.Source);
        if (c == 0) c = string.CompareOrdinal(a.IdentityId, b.IdentityId);
        return c;
    });

    /// <summary>The rows of one page, in profile order.</summary>
    public static IEnumerable<ReviewRow> Rows(ReviewedPage page, IReadOnlyList<IdentityProfile> profiles)
    {
        var r = page.Result;
        var neighbours = Neighbours(r);
        var papersOf = Enumerable.Range(0, r.Page.Papers.Count).GroupBy(p => r.IdentityIds[p]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var profile in profiles)
        {
            var papers = papersOf[profile.IdentityId];
            var near = neighbours.GetValueOrDefault(profile.IdentityId);
            var lines = page.DecisionLinesOf(profile.IdentityId);
            yield return new ReviewRow
            {
                Source = profile.Source,
                ClusterName = profile.ClusterName,
                IdentityId = profile.IdentityId,
                DisplayName = profile.DisplayName,
                PaperCount = profile.PaperCount,
                Confidence = profile.Confidence,
                Status = profile.Status,
                Evidence = EvidenceText(r, papers, profile),
                NearestIdentity = near?.IdentityId ?? "",
                NearestAffinity = near is null ? null : Math.Round(near.Affinity, 4),
                LeastCertainPapers = string.Join(" | ", LeastCertain(r, papers).Select(p => PaperLabel(r, p))),
                Decisions = lines.Count == 0 ? "" : "line " + string.Join(", ", lines),
            };
        }
    }

    /// <summary>Per identity, the other identity with the highest average affinity (sum of scored pair affinities / (|A|·|B|)).</summary>
    public static IReadOnlyDictionary<string, Neighbour> Neighbours(PageResult r)
    {
        var size = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in r.IdentityIds) size[id] = size.GetValueOrDefault(id) + 1;
        var sums = new Dictionary<(string, string), double>();
        foreach (var a in r.Affinities)
        {
            string x = r.IdentityIds[a.A], y = r.IdentityIds[a.B];
            if (x == y) continue;
            sums[(x, y)] = sums.GetValueOrDefault((x, y)) + a.P;
            sums[(y, x)] = sums.GetValueOrDefault((y, x)) + a.P;
        }
        return sums.Select(s => (From: s.Key.Item1, To: s.Key.Item2, Avg: s.Value / ((double)size[s.Key.Item1] * size[s.Key.Item2])))
            .GroupBy(x => x.From)
            .ToDictionary(g => g.Key,
                g => g.OrderByDescending(x => x.Avg).ThenBy(x => x.To, StringComparer.Ordinal).Select(x => new Neighbour(x.To, x.Avg)).First(),
                StringComparer.Ordinal);
    }

    /// <summary>The identity's papers with the lowest confidence, least certain first.</summary>
    public static IEnumerable<int> LeastCertain(PageResult r, IReadOnlyList<int> papers) =>
        papers.OrderBy(p => r.Assignment.Confidence[p]).ThenBy(p => p).Take(LeastCertainCount);

    /// <summary>
    /// Why these papers look like one person, in plain words: shared co-authors with counts, venues, years,
    /// topic words and printed name forms, e.g. <c>7 shared co-authors: Roger Grosse (5), ...; venues NeurIPS (18), ICLR (16); 2013–2024; topic words ...</c>.
    /// </summary>
    public static string EvidenceText(PageResult r, IReadOnlyList<int> papers, IdentityProfile profile)
    {
        var parts = new List<string> { papers.Count == 1 ? "1 paper" : $"{papers.Count} papers" };
        var g = r.Context.Graph;
        var coauthorCounts = papers.SelectMany(p => g.CoauthorsOf(p).ToArray()).GroupBy(c => c)
            .Select(x => new NamedCount(g.CoauthorNames[x.Key], x.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var shared = coauthorCounts.Where(c => c.Count >= 2).ToList();
        if (papers.Count == 1)
            parts.Add(coauthorCounts.Count == 0 ? "no co-authors listed" : "co-authors " + string.Join(", ", coauthorCounts.Take(5).Select(c => c.Name)));
        else if (shared.Count == 0)
            parts.Add("no co-author on two of its papers");
        else
            parts.Add($"{shared.Count} shared co-author{(shared.Count == 1 ? "" : "s")}: {string.Join(", ", shared.Take(5))}");
        if (CirclesText(g, papers) is { } circles) parts.Add(circles);
        if (profile.TopVenues.Count > 0) parts.Add("venues " + string.Join(", ", profile.TopVenues.Take(3)));
        if (profile.FirstYear is { } first && profile.LastYear is { } last)
            parts.Add(first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}–{last}");
        if (profile.TopicTerms.Count > 0) parts.Add("topic words " + string.Join(", ", profile.TopicTerms));
        if (profile.NameVariants.Count > 1) parts.Add("printed as " + string.Join(", ", profile.NameVariants.Take(4)));
        return string.Join("; ", parts);
    }

    /// <summary>Circles of at least this many papers count as a possible separate person in the evidence.</summary>
    public const int MinCircle = 3;

    /// <summary>
    /// When the identity's papers fall into two or more co-author circles of at least <see cref="MinCircle"/> papers
    /// that share no one, names them, e.g. <c>3 co-author circles that share no one: Laura Okafor, Hans Mueller (10
    /// papers) | Kofi Mensah, Ana Lopez (8) | ...</c>: namesakes joined by a name prior show up this way, and a reviewer can
    /// split along them. Null otherwise.
    /// </summary>
    public static string? CirclesText(Graph.CoauthorGraph g, IReadOnlyList<int> papers)
    {
        var circles = g.Circles(papers).Where(c => c.Count >= MinCircle).ToList();
        if (circles.Count < 2) return null;
        var shown = circles.Take(4).Select(c =>
        {
            var top = c.SelectMany(p => g.CoauthorsOf(p).ToArray()).GroupBy(x => x)
                .OrderByDescending(x => x.Count()).ThenBy(x => g.CoauthorNames[x.Key], StringComparer.Ordinal)
                .Take(2).Select(x => g.CoauthorNames[x.Key]);
            return $"{string.Join(", ", top)} ({c.Count})";
        });
        return $"{circles.Count} co-author circles of {MinCircle}+ papers that share no one: {string.Join(" | ", shown)}";
    }

    /// <summary>A paper as a reviewer can find and name it: position, key (for decisions), confidence and title.</summary>
    public static string PaperLabel(PageResult r, int p)
    {
        var paper = r.Page.Papers[p];
        string title = paper.Title.Length <= 70 ? paper.Title : paper.Title[..70] + "…";
        return $"paper {paper.Index} {PaperKey.Of(paper)} ({r.Assignment.Confidence[p].ToString("0.00", CultureInfo.InvariantCulture)}) {title}";
    }
}
