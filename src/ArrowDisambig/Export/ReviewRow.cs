using CsvHelper;

namespace ArrowDisambig.Export;

/// <summary>One row of <c>review.csv</c>: a proposed (or confirmed) identity with the evidence a reviewer needs.</summary>
[CsvRecord]
public sealed partial class ReviewRow
{
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("cluster_name")] public string ClusterName { get; set; } = "";
    [CsvColumn("identity_id")] public string IdentityId { get; set; } = "";
    [CsvColumn("display_name")] public string DisplayName { get; set; } = "";
    [CsvColumn("paper_count")] public int PaperCount { get; set; }
    [CsvColumn("confidence")] public double Confidence { get; set; }
    [CsvColumn("status")] public string Status { get; set; } = "";
    [CsvColumn("evidence")] public string Evidence { get; set; } = "";
    [CsvColumn("nearest_identity")] public string NearestIdentity { get; set; } = "";
    [CsvColumn("nearest_affinity")] public double? NearestAffinity { get; set; }
    [CsvColumn("least_certain_papers")] public string LeastCertainPapers { get; set; } = "";
    [CsvColumn("decisions")] public string Decisions { get; set; } = "";
}
