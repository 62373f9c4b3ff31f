using ArrowDisambig.Review;

namespace ArrowDisambig.Export;

/// <summary>
/// Writes what reviewers and downstream systems read: <c>identities.csv</c> and <c>identities.jsonl</c> (the
/// profiles), <c>review.csv</c> (the queue) and <c>review.html</c> (the picture), each atomically.
/// </summary>
public static class ReviewOutputs
{
    /// <summary>The identity profiles of each processed page.</summary>
    /// <param name="pages">Processed pages with final identity ids.</param>
    /// <param name="top">How many venues, co-authors and topic terms a profile lists.</param>
    public static IReadOnlyList<(ReviewedPage Page, IReadOnlyList<IdentityProfile> Profiles)> Build(IReadOnlyList<ReviewedPage> pages, int top) =>
        pages.Select(p => (p, (IReadOnlyList<IdentityProfile>)IdentityProfiles.Build(p.Result, top, p.StatusOf).ToList())).ToList();

    /// <summary>Writes the four files into <paramref name="outputDir"/>.</summary>
    /// <param name="outputDir">The output folder.</param>
    /// <param name="perPage">What <see cref="Build"/> returned.</param>
    public static void Write(string outputDir, IReadOnlyList<(ReviewedPage Page, IReadOnlyList<IdentityProfile> Profiles)> perPage)
    {
        var profiles = perPage.SelectMany(x => x.Profiles).ToList();
        OutputFiles.WriteCsv(Path.Combine(outputDir, "identities.csv"), profiles.Select(p => p.ToRow()), OutputFiles.SpreadsheetCsv);
        IdentityJsonl.Write(Path.Combine(outputDir, "identities.jsonl"), profiles);

        var queue = ReviewQueue.Build(perPage);
        OutputFiles.WriteCsv(Path.Combine(outputDir, "review.csv"), queue, OutputFiles.SpreadsheetCsv);

        var rowsByPage = queue.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.GroupBy(r => r.IdentityId).ToDictionary(x => x.Key, x => x.First(), StringComparer.Ordinal), StringComparer.Ordinal);
        var htmlPages = perPage.Select(x => new ReviewHtmlPage(x.Page, x.Profiles,
            rowsByPage.GetValueOrDefault(x.Page.Result.Page.Source) ?? new Dictionary<string, ReviewRow>())).ToList();
        OutputFiles.WriteText(Path.Combine(outputDir, "review.html"), ReviewHtml.Render(htmlPages, queue));
    }
}
