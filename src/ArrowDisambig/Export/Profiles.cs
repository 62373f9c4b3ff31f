using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Export;

/// <summary>Turns page results into output rows. Pure functions; writing is <see cref="OutputFiles"/>' job.</summary>
public static class Profiles
{
    /// <summary>One assignment row per paper, in page order.</summary>
    public static IEnumerable<AssignmentRow> Assignments(PageResult r)
    {
        var partners = Evidence.BestPartners(r);
        for (int p = 0; p < r.Page.Papers.Count; p++)
        {
            var paper = r.Page.Papers[p];
            int t = r.Context.TargetIndex[p];
            yield return new AssignmentRow
            {
                Source = r.Page.Source,
                PaperIndex = paper.Index,
                PaperKey = PaperKey.Of(paper),
                ClusterName = r.Page.ClusterName,
                IdentityId = r.IdentityIds[p],
                Confidence = Math.Round(r.Assignment.Confidence[p], 4),
                Title = paper.Title,
                Year = paper.Year,
                Venue = paper.Venue,
                TargetAuthor = t >= 0 ? paper.Authors[t] : "",
                Authors = string.Join("; ", paper.Authors),
                StrongestLink = Evidence.StrongestLink(r, p, partners[p]),
            };
        }
    }

    /// <summary>One identity row per identity, largest first, all with status <c>proposed</c>.</summary>
    public static IEnumerable<IdentityRow> Identities(PageResult r, int top) =>
        IdentityProfiles.Build(r, top, _ => Review.IdentityStatus.Proposed).Select(p => p.ToRow());
}

/// <summary>Plain-words evidence for why papers sit together.</summary>
public static class Evidence
{
    /// <summary>Most frequent co-authors of a set of papers.</summary>
    public static IEnumerable<(string Name, int Count)> TopCoauthors(PageResult r, IReadOnlyList<int> papers, int top)
    {
        var g = r.Context.Graph;
        return papers.SelectMany(p => g.CoauthorsOf(p).ToArray()).GroupBy(c => c)
            .Select(x => (Name: g.CoauthorNames[x.Key], Count: x.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name, StringComparer.Ordinal).Take(top);
    }

    /// <summary>Most frequent venues of a set of papers.</summary>
    public static IEnumerable<(string Name, int Count)> TopVenues(PageResult r, IReadOnlyList<int> papers, int top) =>
        papers.Select(p => r.Page.Papers[p].Venue).Where(v => v.Length > 0 && !v.Equals("Unknown Venue", StringComparison.OrdinalIgnoreCase))
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(x => (Name: x.First(), Count: x.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Name, StringComparer.Ordinal).Take(top);

    /// <summary>Per paper, its highest-affinity partner within its own identity (-1 when none), in one pass.</summary>
    public static (int Other, float P)[] BestPartners(PageResult r)
    {
        var best = Enumerable.Repeat((Other: -1, P: 0f), r.Page.Papers.Count).ToArray();
        foreach (var a in r.Affinities)
        {
            if (r.Assignment.Labels[a.A] != r.Assignment.Labels[a.B]) continue;
            if (a.P > best[a.A].P) best[a.A] = (a.B, a.P);
            if (a.P > best[a.B].P) best[a.B] = (a.A, a.P);
        }
        return best;
    }

    /// <summary>The paper's strongest link into its identity in plain words: its best partner and what they share.</summary>
    public static string StrongestLink(PageResult r, int paper, (int Other, float P) partner)
    {
        if (partner.Other < 0) return "alone: no paper on the page is close enough";
        int o = partner.Other;
        var g = r.Context.Graph;
        var parts = new List<string>();
        var shared = g.SharedCoauthors(paper, o);
        if (shared.Count > 0) parts.Add("shared co-author " + string.Join(", ", shared.Take(3).Select(c => g.CoauthorNames[c])));
        var pv = r.Page.Papers[paper].Venue;
        if (pv.Length > 0 && pv.Equals(r.Page.Papers[o].Venue, StringComparison.OrdinalIgnoreCase)) parts.Add("same venue " + pv);
        var words = SharedTitleWords(r.Page.Papers[paper].Title, r.Page.Papers[o].Title).Take(4).ToList();
        if (words.Count > 0) parts.Add("title words " + string.Join(", ", words));
        if (parts.Count == 0) parts.Add("name and page context");
        return $"paper {r.Page.Papers[o].Index} (p={partner.P:0.00}): {string.Join("; ", parts)}";
    }

    private static IEnumerable<string> SharedTitleWords(string a, string b)
    {
        var wa = Features.PageTextIndex.Words(Names.TextFold.Fold(a)).ToHashSet(StringComparer.Ordinal);
        return Features.PageTextIndex.Words(Names.TextFold.Fold(b)).Where(wa.Contains).Distinct();
    }
}
