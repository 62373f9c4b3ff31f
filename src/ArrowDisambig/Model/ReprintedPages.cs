using ArrowDisambig.Evaluation;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Model;

/// <summary>
/// Copies of the labelled pages with every name reprinted as MEDLINE prints it ("Wang L", "Grosse RB"). Real pages
/// come in that format (the labelled corpora hardly do), and there a shared co-author "Zhang Y" may be two people:
/// trained on full names only, the model trusts such matches and merges people (held-out B³ F1 on these copies
/// 0.82 for AMiner-110 against 0.88 on the pages as printed). Each copy stays in its page's fold, so its labels
/// never cross folds; every fit trains on them (<c>train --reprints on</c>, the default), and <c>train</c> reports
/// held-out B³ on them either way. They are never part of the tables of the labelled pages.
/// </summary>
public static class ReprintedPages
{
    /// <summary>Data set names of the copies start with this, followed by the original data set's name.</summary>
    public const string DatasetPrefix = "pubmed:";

    /// <summary>Whether <paramref name="page"/> was made here.</summary>
    public static bool IsReprint(LabelledPage page) => page.Dataset.StartsWith(DatasetPrefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="page"/> is a copy of a page of <paramref name="dataset"/>.</summary>
    public static bool Uses(LabelledPage page, string dataset) =>
        IsReprint(page) && string.Equals(OriginalDataset(page.Dataset), dataset, StringComparison.Ordinal);

    /// <summary>The data set a copy was made from (<c>pubmed:qian_dblp</c> → <c>qian_dblp</c>); any other name as it is.</summary>
    public static string OriginalDataset(string dataset) =>
        dataset.StartsWith(DatasetPrefix, StringComparison.Ordinal) ? dataset[DatasetPrefix.Length..] : dataset;

    /// <summary>
    /// One copy of each page, alone (pages are not merged when their names collapse, so each copy keeps one fold),
    /// with the fold of its original.
    /// </summary>
    public static List<(LabelledPage Page, int Fold)> Make(IReadOnlyList<LabelledPage> pages, IReadOnlyDictionary<LabelledPage, int> fold) =>
        pages.Select(p => (NameFormatPages.Make([p], NameFormat.PubMed)[0] with { Dataset = DatasetPrefix + p.Dataset }, fold[p])).ToList();
}
