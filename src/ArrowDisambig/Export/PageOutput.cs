using ArrowDisambig.Review;

namespace ArrowDisambig.Export;

/// <summary>
/// Every row the outputs hold about one processed page, built on the worker that processed it so the single
/// writer only copies rows out.
/// </summary>
/// <param name="Page">The reviewed page (kept only until its rows are written).</param>
/// <param name="Assignments">One row per paper, in page order.</param>
/// <param name="Profiles">Its identities, largest first.</param>
/// <param name="Identities">The same identities as <c>identities.csv</c> rows.</param>
/// <param name="ReviewRows">Its review rows, in profile order.</param>
/// <param name="Dot">Its co-author graph in DOT, or null when graphs are not exported.</param>
public sealed record PageOutput(
    ReviewedPage Page,
    IReadOnlyList<AssignmentRow> Assignments,
    IReadOnlyList<IdentityProfile> Profiles,
    IReadOnlyList<IdentityRow> Identities,
    IReadOnlyList<ReviewRow> ReviewRows,
    string? Dot)
{
    /// <summary>Its <c>review.html</c> section when rendered ahead (see <see cref="RunOutputWriter.Prepare"/>), else null.</summary>
    public RenderedPage? Html { get; init; }

    /// <summary>The page's source name.</summary>
    public string Source => Page.Result.Page.Source;

    /// <summary>Builds the rows of a page.</summary>
    /// <param name="page">The page with its final identity ids.</param>
    /// <param name="top">How many venues, co-authors and topic terms a profile lists.</param>
    /// <param name="dot">Whether to draw the co-author graph in DOT.</param>
    public static PageOutput Build(ReviewedPage page, int top, bool dot)
    {
        var r = page.Result;
        var profiles = IdentityProfiles.Build(r, top, page.StatusOf).ToList();
        return new PageOutput(page, Export.Profiles.Assignments(r).ToList(), profiles, profiles.Select(p => p.ToRow()).ToList(),
            ReviewQueue.Rows(page, profiles).ToList(), dot ? DrawDot(r) : null);
    }

    /// <summary>The section <c>review.html</c> shows for this page.</summary>
    public RenderedPage RenderHtml() =>
        new(Source, ReviewHtml.Section(new ReviewHtmlPage(Page, Profiles,
            ReviewRows.GroupBy(x => x.IdentityId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal), Assignments)));

    private static string DrawDot(Pipeline.PageResult r)
    {
        var sw = new StringWriter();
        r.Context.Graph.WriteDot(sw, r.Page.ClusterName, p => $"{r.Page.Papers[p].Index}: {Trim(r.Page.Papers[p].Title)}", r.Assignment.Labels);
        return sw.ToString();
    }

    private static string Trim(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
