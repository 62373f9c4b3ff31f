using ArrowDisambig.Parsing;

namespace ArrowDisambig.Model;

/// <summary>
/// Synthetic training pages of namesakes: a labelled page with the papers of a page from another field added under
/// its name (the other page's mention renamed), so the model sees people who share a name and nothing else. The
/// labelled corpora hardly have them (a rare-name block there is nearly always one person), which is why the name
/// prior joins a chemist, a botanist and an economist who share a rare name. Only for training; never scored or used
/// to tune a cut. Off by default (<c>train --homonyms on</c>): measured, it did not separate those namesakes and it
/// lost on leaving AMiner-110 out (README, Accuracy).
/// </summary>
public static class HomonymPages
{
    /// <summary>Data set names of the synthetic pages start with this.</summary>
    public const string DatasetPrefix = "homonyms:";

    /// <summary>Pages with more papers than this are not mixed (they already hold many people).</summary>
    public const int MaxHostPapers = 150;

    /// <summary>Most papers taken from the namesake's page.</summary>
    public const int MaxGuestPapers = 20;

    /// <summary>
    /// The research field of a labelled data set: MEDLINE is biomedicine, the others are computer science. Guests come
    /// from another field, so a synthetic page never passes off two people of one field as strangers (on real pages
    /// those are the hard cases the labels already teach).
    /// </summary>
    public static string Field(string dataset) => dataset.StartsWith("medline", StringComparison.Ordinal) ? "biomedicine" : "computer science";

    /// <summary>Whether <paramref name="page"/> was made here.</summary>
    public static bool IsSynthetic(LabelledPage page) => page.Dataset.StartsWith(DatasetPrefix, StringComparison.Ordinal);

    /// <summary>Whether a synthetic page holds papers of <paramref name="dataset"/>.</summary>
    public static bool Uses(LabelledPage page, string dataset) =>
        IsSynthetic(page) && page.Dataset[DatasetPrefix.Length..].Split('+').Contains(dataset, StringComparer.Ordinal);

    /// <summary>
    /// One synthetic page for every host page of at most <see cref="MaxHostPapers"/> papers: the host plus a guest
    /// page drawn, within the same fold (so no labels cross folds), first by data set (one of another
    /// <see cref="Field"/>), then by page. Deterministic for a seed.
    /// </summary>
    public static List<(LabelledPage Page, int Fold)> Make(IReadOnlyList<LabelledPage> pages, IReadOnlyDictionary<LabelledPage, int> fold, int seed)
    {
        var result = new List<(LabelledPage, int)>();
        var rng = new Random(seed);
        var byFold = pages.GroupBy(p => fold[p]).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Dataset).OrderBy(d => d.Key, StringComparer.Ordinal)
                .ToDictionary(d => d.Key, d => d.OrderBy(p => p.Page.Source, StringComparer.Ordinal).ToList()));
        foreach (var host in pages.OrderBy(p => p.Dataset, StringComparer.Ordinal).ThenBy(p => p.Page.Source, StringComparer.Ordinal))
        {
            if (host.Page.Papers.Count > MaxHostPapers) continue;
            int f = fold[host];
            var others = byFold[f].Where(d => Field(d.Key) != Field(host.Dataset)).ToList();
            if (others.Count == 0) continue;
            var candidates = others[rng.Next(others.Count)].Value;
            var guest = candidates[rng.Next(candidates.Count)];
            if (Mix(host, guest) is { } mixed) result.Add((mixed, f));
        }
        return result;
    }

    /// <summary>The host page with up to <see cref="MaxGuestPapers"/> of the guest's papers appended under the host's name; null when a guest paper does not list the guest's name.</summary>
    public static LabelledPage? Mix(LabelledPage host, LabelledPage guest)
    {
        var papers = host.Page.Papers.ToList();
        var gold = host.Gold.ToList();
        foreach (var (paper, label) in guest.Page.Papers.Zip(guest.Gold).Take(MaxGuestPapers))
        {
            if (LabelledCorpus.RenameMention(paper, guest.Page.ClusterName, host.Page.ClusterName) is not { } renamed) return null;
            papers.Add(renamed with { Index = papers.Count + 1 });
            // Guests are other people than anyone on the host page, whatever their labels say.
            gold.Add($"guest|{guest.Dataset}|{guest.Page.Source}|{label}");
        }
        var page = new ClusterPage($"{host.Page.Source}+{guest.Page.Source}", host.Page.ClusterName, papers.Count, papers, []);
        return new LabelledPage($"{DatasetPrefix}{host.Dataset}+{guest.Dataset}", page, gold);
    }
}
