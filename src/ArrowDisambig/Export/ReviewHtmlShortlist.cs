namespace ArrowDisambig.Export;

/// <summary>
/// Chooses, while pages stream past, the pages <c>review.html</c> draws: the <see cref="Capacity"/> pages whose
/// riskiest review row comes first in the queue (ties and pages without rows in input order). Only those pages'
/// sections are kept, rendered when they enter, so the HTML costs a bounded amount of memory and layout work
/// whatever the batch size.
/// </summary>
public sealed class ReviewHtmlShortlist(int capacity)
{
    private readonly List<(ReviewRow? Riskiest, int Ordinal, RenderedPage Page)> _kept = [];
    private int _ordinal;
    // The bar a page must beat once the list is full, published for MightKeep on other threads; it only rises.
    private volatile Bar? _bar;

    private sealed record Bar(ReviewRow? Riskiest);

    /// <summary>Most pages kept.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Offers the next page, in input order; <paramref name="render"/> runs only when the page is kept.</summary>
    /// <param name="rows">The page's review rows.</param>
    /// <param name="render">Renders the page's section.</param>
    public void Offer(IReadOnlyList<ReviewRow> rows, Func<RenderedPage> render)
    {
        var riskiest = rows.Count == 0 ? null : rows.Min(ReviewQueue.Riskiest);
        var key = (riskiest, _ordinal++);
        if (Capacity <= 0) return;
        if (_kept.Count == Capacity)
        {
            if (Compare(key, (_kept[^1].Riskiest, _kept[^1].Ordinal)) >= 0) return;
            _kept.RemoveAt(_kept.Count - 1);
        }
        int at = _kept.FindIndex(k => Compare(key, (k.Riskiest, k.Ordinal)) < 0);
        _kept.Insert(at < 0 ? _kept.Count : at, (riskiest, key.Item2, render()));
        if (_kept.Count == Capacity) _bar = new Bar(_kept[^1].Riskiest);
    }

    /// <summary>
    /// Whether a page with these rows, offered later than every page so far, could still be kept; false means it
    /// never will be. Thread-safe: workers use it to render only the sections that may be shown.
    /// </summary>
    public bool MightKeep(IReadOnlyList<ReviewRow> rows)
    {
        if (Capacity <= 0) return false;
        if (_bar is not { } bar) return true;
        if (rows.Count == 0) return false;
        return bar.Riskiest is null || ReviewQueue.Riskiest.Compare(rows.Min(ReviewQueue.Riskiest)!, bar.Riskiest) < 0;
    }

    /// <summary>The kept pages, in the order they are shown.</summary>
    public IReadOnlyList<RenderedPage> Pages => _kept.Select(k => k.Page).ToList();

    private static int Compare((ReviewRow? Row, int Ordinal) a, (ReviewRow? Row, int Ordinal) b)
    {
        int c = (a.Row, b.Row) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => ReviewQueue.Riskiest.Compare(a.Row, b.Row),
        };
        return c != 0 ? c : a.Ordinal.CompareTo(b.Ordinal);
    }
}
