using System.Globalization;
using System.Net;
using System.Text;
using ArrowDisambig.Review;

namespace ArrowDisambig.Export;

/// <summary>One page of the review, with what the HTML shows of it.</summary>
/// <param name="Page">The reviewed page.</param>
/// <param name="Profiles">Its identities, largest first.</param>
/// <param name="Rows">Its review rows (evidence, nearest identity), by identity id.</param>
/// <param name="Assignments">Its assignment rows, in page order.</param>
public sealed record ReviewHtmlPage(ReviewedPage Page, IReadOnlyList<IdentityProfile> Profiles, IReadOnlyDictionary<string, ReviewRow> Rows,
    IReadOnlyList<AssignmentRow> Assignments);

/// <summary>A page's rendered section of <c>review.html</c>.</summary>
/// <param name="Source">The page's source name.</param>
/// <param name="Html">What <see cref="ReviewHtml.Section"/> made of it.</param>
public sealed record RenderedPage(string Source, string Html);

/// <summary>The totals the header of <c>review.html</c> states.</summary>
/// <param name="Pages">Pages processed.</param>
/// <param name="Identities">Identities over all pages.</param>
/// <param name="Confirmed">Identities a reviewer confirmed.</param>
public sealed record ReviewCounts(int Pages, int Identities, int Confirmed);

/// <summary>
/// Renders <c>review.html</c>: one self-contained static page (inline CSS and SVG, no scripts, no network) that
/// shows per page the identities side by side with their papers, evidence and confidence, and the co-author
/// graph coloured by identity. Every text from the input goes through <c>WebUtility.HtmlEncode</c>;
/// a Content-Security-Policy forbids scripts and remote loads as a second line of defence.
/// </summary>
public static class ReviewHtml
{
    /// <summary>Identity colours, in identity order (largest first); they repeat after the last.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#1b9e77", "#7570b3", "#bab0ac"];

    /// <summary>Most rows of the queue shown at the top.</summary>
    public const int QueueRows = 100;

    /// <summary>
    /// Most pages drawn. A batch of thousands of pages would make a page nobody can read and cost a layout each;
    /// the pages with the riskiest proposals come first, the rest are in review.csv.
    /// </summary>
    public const int MaxPages = 50;

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 1.5rem 3rem;color:#222;background:#fafafa}
        h1{font-size:1.5rem;margin:1.2rem 0 .3rem}h2{font-size:1.25rem;margin:0 0 .2rem}h3{font-size:1rem;margin:0 0 .4rem;display:flex;gap:.4rem;align-items:center}
        .muted{color:#666}.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:50%;background:var(--c);border:1px solid #333;flex:none}
        table.queue{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1.5rem}table.queue th,table.queue td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
        section.page{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1.2rem 0}
        figure{margin:.6rem 0}figure svg{width:100%;max-width:960px;height:auto;border:1px solid #eee;background:#fff}figcaption{font-size:.8rem;color:#555}
        .identities{display:flex;gap:1rem;overflow-x:auto;align-items:flex-start;padding-bottom:.5rem}
        article.identity{flex:0 0 22rem;border:1px solid #ccc;border-top:6px solid var(--c);border-radius:6px;padding:.6rem .7rem;background:#fff}
        article.identity.confirmed{box-shadow:0 0 0 2px #2e7d32 inset}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;font-size:.8rem;margin:.2rem 0 .5rem}dt{color:#666}dd{margin:0}
        .status{font-size:.75rem;padding:.05rem .4rem;border-radius:1rem;background:#eee}.status.confirmed{background:#c8e6c9}
        .evidence{font-size:.85rem;margin:.3rem 0}ol.papers{padding-left:1.2rem;font-size:.8rem;margin:.3rem 0}ol.papers li{margin:.25rem 0}
        .conf{font-variant-numeric:tabular-nums;font-weight:600}.low{color:#b71c1c}code{font-size:.75rem;color:#555}.why{color:#666;font-size:.75rem}
        """;

    /// <summary>The whole document.</summary>
    /// <param name="counts">What the run holds: pages, identities, confirmed identities.</param>
    /// <param name="queue">Every review row, in <see cref="ReviewQueue.Riskiest"/> order.</param>
    /// <param name="shown">The pages drawn (at most <see cref="MaxPages"/>), in the order shown: what <see cref="ReviewHtmlShortlist"/> kept.</param>
    public static string Document(ReviewCounts counts, IReadOnlyList<ReviewRow> queue, IReadOnlyList<RenderedPage> shown)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ArrowDisambig review</title><style>")
          .Append(Style).Append("</style></head><body>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<header><h1>Review: {Count(counts.Pages, "page")}, {Count(counts.Identities, "identity", "identities")}</h1>" +
            $"<p class=\"muted\" id=\"counts\">{counts.Identities - counts.Confirmed} proposed, {counts.Confirmed} confirmed. Confirm, merge, move or separate in your decisions.csv by identity_id and paper_key, then rerun with --decisions.</p></header>\n");

        var shownSources = shown.Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
        var waiting = queue.Where(r => r.Status != IdentityStatus.Confirmed).ToList();
        sb.Append("<h2>Awaiting review, riskiest first</h2>");
        if (waiting.Count == 0) sb.Append("<p class=\"muted\">Nothing: every identity is confirmed.</p>");
        else
        {
            sb.Append("<table class=\"queue\"><thead><tr><th>#</th><th>page</th><th>identity</th><th>papers</th><th>confidence</th><th>nearest identity</th><th>evidence</th></tr></thead><tbody>");
            foreach (var (r, i) in waiting.Take(QueueRows).Select((r, i) => (r, i)))
                sb.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{i + 1}</td><td>{H(r.ClusterName)} <span class=\"muted\">{H(r.Source)}</span></td>" +
                    $"<td>{(shownSources.Contains(r.Source) ? $"<a href=\"#{H(Anchor(r.Source, r.IdentityId))}\">{H(r.DisplayName)}</a>" : H(r.DisplayName))}<br><code>{H(r.IdentityId)}</code></td>" +
                    $"<td>{r.PaperCount}</td><td class=\"conf\">{F(r.Confidence)}</td>" +
                    $"<td>{(r.NearestIdentity.Length == 0 ? "—" : $"<code>{H(r.NearestIdentity)}</code> ({F(r.NearestAffinity ?? 0)})")}</td><td>{H(r.Evidence)}</td></tr>");
            sb.Append("</tbody></table>");
            if (waiting.Count > QueueRows) sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">…and {waiting.Count - QueueRows} more in review.csv.</p>");
        }

        if (counts.Pages > shown.Count)
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\" id=\"pages-note\">Showing the {shown.Count} pages with the riskiest proposals of {counts.Pages}; every page is in review.csv.</p>");
        foreach (var page in shown) sb.Append(page.Html);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The section of one page: its co-author picture and its identities side by side.</summary>
    public static string Section(ReviewHtmlPage page)
    {
        var sb = new StringBuilder();
        AppendPage(sb, page);
        return sb.ToString();
    }

    private static void AppendPage(StringBuilder sb, ReviewHtmlPage hp)
    {
        var r = hp.Page.Result;
        var colour = hp.Profiles.Select((p, i) => (p.IdentityId, Colour: Palette[i % Palette.Count])).ToDictionary(x => x.IdentityId, x => x.Colour, StringComparer.Ordinal);
        var picture = CoauthorSvg.Draw(r, id => colour[id]);
        var assignments = hp.Assignments;
        int confirmed = hp.Profiles.Count(p => p.Status == IdentityStatus.Confirmed);
        sb.Append(CultureInfo.InvariantCulture,
            $"<section class=\"page\"><h2>{H(r.Page.ClusterName)} <span class=\"muted\">{H(r.Page.Source)}</span></h2>" +
            $"<p class=\"muted page-summary\">{Count(r.Page.Papers.Count, "paper")} · {Count(hp.Profiles.Count, "identity", "identities")} · {confirmed} confirmed</p>");
        sb.Append("<figure>").Append(picture.Svg).Append("<figcaption>").Append(H(picture.Note));
        if (hp.Profiles.Count > Palette.Count) sb.Append(H($" Colours repeat after {Palette.Count} identities."));
        sb.Append("</figcaption></figure><div class=\"identities\">");
        var byIdentity = Enumerable.Range(0, r.Page.Papers.Count).GroupBy(p => r.IdentityIds[p]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var profile in hp.Profiles)
        {
            var row = hp.Rows.GetValueOrDefault(profile.IdentityId);
            bool isConfirmed = profile.Status == IdentityStatus.Confirmed;
            sb.Append(CultureInfo.InvariantCulture,
                $"<article class=\"identity{(isConfirmed ? " confirmed" : "")}\" id=\"{H(Anchor(profile.Source, profile.IdentityId))}\" style=\"--c:{colour[profile.IdentityId]}\">" +
                $"<h3><span class=\"swatch\"></span><span class=\"name\">{H(profile.DisplayName)}</span> <span class=\"status {H(profile.Status)}\">{H(profile.Status)}</span></h3><dl>" +
                $"<dt>identity_id</dt><dd><code class=\"identity-id\">{H(profile.IdentityId)}</code></dd>" +
                $"<dt>papers</dt><dd class=\"paper-count\">{profile.PaperCount}</dd>" +
                $"<dt>confidence</dt><dd class=\"conf\">{F(profile.Confidence)}</dd>" +
                $"<dt>years</dt><dd>{Years(profile)}</dd>");
            if (row is { NearestIdentity.Length: > 0 })
                sb.Append(CultureInfo.InvariantCulture, $"<dt>nearest</dt><dd><a href=\"#{H(Anchor(profile.Source, row.NearestIdentity))}\"><code>{H(row.NearestIdentity)}</code></a> at {F(row.NearestAffinity ?? 0)}</dd>");
            if (row is { Decisions.Length: > 0 }) sb.Append(CultureInfo.InvariantCulture, $"<dt>decisions</dt><dd>{H(row.Decisions)}</dd>");
            sb.Append("</dl>");
            if (row is not null) sb.Append(CultureInfo.InvariantCulture, $"<p class=\"evidence\">{H(row.Evidence)}</p>");
            sb.Append(CultureInfo.InvariantCulture, $"<details open><summary>{Count(profile.PaperCount, "paper")}, least certain first</summary><ol class=\"papers\">");
            foreach (int p in byIdentity[profile.IdentityId].OrderBy(p => r.Assignment.Confidence[p]).ThenBy(p => p))
            {
                var a = assignments[p];
                string low = a.Confidence < 0.6 ? " low" : "";
                sb.Append(CultureInfo.InvariantCulture,
                    $"<li data-paper-key=\"{H(a.PaperKey)}\"><span class=\"conf{low}\">{F(a.Confidence)}</span> " +
                    $"<span class=\"title\">{H(a.Title)}</span> <span class=\"muted\">{H(a.Venue)} {a.Year?.ToString(CultureInfo.InvariantCulture)}</span> " +
                    $"<code>#{a.PaperIndex} {H(a.PaperKey)}</code><div class=\"why\">{H(a.StrongestLink)}</div></li>");
            }
            sb.Append("</ol></details></article>");
        }
        sb.Append("</div></section>\n");
    }

    /// <summary>The element id of an identity's card: unique across pages, whatever the id's characters.</summary>
    public static string Anchor(string source, string identityId) => "identity-" + OutputFiles.SafeFileName(source, "") + "-" + OutputFiles.SafeFileName(identityId, "");

    private static string Years(IdentityProfile p) => (p.FirstYear, p.LastYear) switch
    {
        (int a, int b) when a == b => a.ToString(CultureInfo.InvariantCulture),
        (int a, int b) => $"{a}–{b}",
        _ => "unknown",
    };

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
    private static string H(string s) => WebUtility.HtmlEncode(s);
}
