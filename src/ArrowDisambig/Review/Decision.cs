using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;
using CsvHelper;

namespace ArrowDisambig.Review;

/// <summary>What a reviewer decided about identities or papers.</summary>
public enum DecisionAction
{
    /// <summary>Lock an identity: its papers stay together and nothing else joins without a later decision.</summary>
    Confirm,
    /// <summary>The named identities (and papers) are one person.</summary>
    Merge,
    /// <summary>The named papers belong to the named identity, or to a new person (<c>new</c>).</summary>
    Move,
    /// <summary>The named identities and papers are all different people.</summary>
    Separate,
}

/// <summary>One row of the reviewer-owned <c>decisions.csv</c>, as typed by a person or a spreadsheet.</summary>
[CsvRecord]
public sealed partial class DecisionRow
{
    /// <summary>The page's file as in <c>assignments.csv</c>; empty to match pages by <see cref="ClusterName"/>.</summary>
    [CsvColumn("source", Optional = true)] public string Source { get; set; } = "";
    /// <summary>The page's name; empty to match pages by <see cref="Source"/>.</summary>
    [CsvColumn("cluster_name", Optional = true)] public string ClusterName { get; set; } = "";
    /// <summary><c>confirm</c>, <c>merge</c>, <c>move</c> or <c>separate</c>.</summary>
    [CsvColumn("action")] public string Action { get; set; } = "";
    /// <summary>Identity ids the decision names, separated by spaces, commas or semicolons; <c>new</c> as a move target.</summary>
    [CsvColumn("identity_ids", "identity_id", Optional = true)] public string IdentityIds { get; set; } = "";
    /// <summary>Paper keys the decision names, separated by spaces, commas or semicolons.</summary>
    [CsvColumn("paper_keys", "paper_key", Optional = true)] public string PaperKeys { get; set; } = "";
    /// <summary>Who decided.</summary>
    [CsvColumn("reviewer", Optional = true)] public string Reviewer { get; set; } = "";
    /// <summary>When, as the reviewer wrote it.</summary>
    [CsvColumn("date", Optional = true)] public string Date { get; set; } = "";
    /// <summary>Why, in the reviewer's words.</summary>
    [CsvColumn("note", Optional = true)] public string Note { get; set; } = "";
}

/// <summary>
/// A validated reviewer decision. Papers are named by <see cref="PaperKey"/> and people by identity id, so a
/// decision survives reordering and growth of its page.
/// </summary>
/// <param name="Line">1-based line of the row in the decisions file, for messages a reviewer can act on.</param>
/// <param name="Source">Page file it applies to, or empty.</param>
/// <param name="ClusterName">Page name it applies to, or empty.</param>
/// <param name="Action">What was decided.</param>
/// <param name="IdentityIds">Identity ids named (for <c>move</c>: the one target, possibly <see cref="NewPerson"/>).</param>
/// <param name="PaperKeys">Paper keys named, lower-case.</param>
/// <param name="Reviewer">Who decided.</param>
/// <param name="Date">When.</param>
public sealed record Decision(
    int Line,
    string Source,
    string ClusterName,
    DecisionAction Action,
    IReadOnlyList<string> IdentityIds,
    IReadOnlyList<string> PaperKeys,
    string Reviewer,
    string Date)
{
    /// <summary>The move target that means "a person not among the identities the reviewer saw".</summary>
    public const string NewPerson = "new";

    /// <summary>True for a move to a new person.</summary>
    public bool ToNewPerson => Action == DecisionAction.Move && IdentityIds is [NewPerson];

    /// <summary>
    /// A hash of what the row says (not its line or note), so the papers its identity ids meant when it was
    /// first applied can be found again after the reviewer reorders rows or edits a note.
    /// </summary>
    public string Fingerprint => Hash(string.Join("\u001f", Source, TextFold.Fold(ClusterName), Action,
        string.Join(' ', IdentityIds), string.Join(' ', PaperKeys), Reviewer, Date));

    /// <summary>Whether the decision is about <paramref name="page"/>: by source when given, else by cluster name.</summary>
    public bool AppliesTo(ClusterPage page) => AppliesTo(page.Source, page.ClusterName);

    /// <summary>Whether the decision is about the page with this source and name.</summary>
    public bool AppliesTo(string source, string clusterName) => Source.Length > 0
        ? string.Equals(Source, source, StringComparison.Ordinal)
          && (ClusterName.Length == 0 || TextFold.Fold(ClusterName) == TextFold.Fold(clusterName))
        : TextFold.Fold(ClusterName) == TextFold.Fold(clusterName);

    /// <summary>How the row is named in messages: its line and action.</summary>
    public string Describe() => $"line {Line} ({Action.ToString().ToLowerInvariant()})";

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];
}
