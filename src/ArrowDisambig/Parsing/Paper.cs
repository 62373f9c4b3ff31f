namespace ArrowDisambig.Parsing;

/// <summary>A 1-based line position in an input file, for messages a person can act on.</summary>
public readonly record struct SourcePosition(string File, int Line)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// One paper on a cluster page, as printed: the venue line split into its parts, the title,
/// the (possibly truncated) author list and the abstract. Immutable; flows from Parsing to every later stage.
/// </summary>
/// <param name="Index">1-based position of the paper on its page.</param>
/// <param name="Venue">Venue text without the kind/year/type suffix; empty when the page gives none.</param>
/// <param name="Kind">Venue kind, e.g. <c>Conference</c> or <c>Journal</c>.</param>
/// <param name="Year">Publication year, when printed.</param>
/// <param name="PublicationType">e.g. <c>Conference Paper</c>, <c>Journal Article</c>.</param>
/// <param name="Title">Paper title.</param>
/// <param name="Authors">Author names as printed, in order.</param>
/// <param name="Abstract">Abstract paragraphs joined by a blank line; empty when absent.</param>
/// <param name="Position">Where the paper's venue line stands in its file.</param>
public sealed record Paper(
    int Index,
    string Venue,
    string Kind,
    int? Year,
    string PublicationType,
    string Title,
    IReadOnlyList<string> Authors,
    string Abstract,
    SourcePosition Position)
{
    /// <summary>Arrow shows at most this many authors per paper.</summary>
    public const int ArrowAuthorCap = 8;

    /// <summary>True when the author list is as long as Arrow's cap, so more authors may have been cut.</summary>
    public bool MayBeTruncated => Authors.Count >= ArrowAuthorCap;
}

/// <summary>A parsed Arrow "author name cluster" page.</summary>
/// <param name="Source">File name the page came from (no directories), used in every output row.</param>
/// <param name="ClusterName">The exact name the page groups on.</param>
/// <param name="DeclaredPaperCount">The <c>N papers</c> count the page states, when present.</param>
/// <param name="Papers">Papers in page order.</param>
/// <param name="Warnings">Non-fatal problems, each naming the file and line.</param>
public sealed record ClusterPage(
    string Source,
    string ClusterName,
    int? DeclaredPaperCount,
    IReadOnlyList<Paper> Papers,
    IReadOnlyList<string> Warnings);
