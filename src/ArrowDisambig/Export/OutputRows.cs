using CsvHelper;

namespace ArrowDisambig.Export;

/// <summary>One row of <c>assignments.csv</c>: one input paper and the identity it was given.</summary>
[CsvRecord]
public sealed partial class AssignmentRow
{
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("paper_index")] public int PaperIndex { get; set; }
    [CsvColumn("paper_key")] public string PaperKey { get; set; } = "";
    [CsvColumn("cluster_name")] public string ClusterName { get; set; } = "";
    [CsvColumn("identity_id")] public string IdentityId { get; set; } = "";
    [CsvColumn("confidence")] public double Confidence { get; set; }
    [CsvColumn("title")] public string Title { get; set; } = "";
    [CsvColumn("year")] public int? Year { get; set; }
    [CsvColumn("venue")] public string Venue { get; set; } = "";
    [CsvColumn("target_author")] public string TargetAuthor { get; set; } = "";
    [CsvColumn("authors")] public string Authors { get; set; } = "";
    [CsvColumn("strongest_link")] public string StrongestLink { get; set; } = "";
}

/// <summary>One row of <c>identities.csv</c>: the cleaned profile of a person (see <see cref="IdentityProfile"/>).</summary>
[CsvRecord]
public sealed partial class IdentityRow
{
    [CsvColumn("identity_id")] public string IdentityId { get; set; } = "";
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("cluster_name")] public string ClusterName { get; set; } = "";
    [CsvColumn("display_name")] public string DisplayName { get; set; } = "";
    [CsvColumn("name_variants")] public string NameVariants { get; set; } = "";
    [CsvColumn("paper_count")] public int PaperCount { get; set; }
    [CsvColumn("paper_keys")] public string PaperKeys { get; set; } = "";
    [CsvColumn("first_year")] public int? FirstYear { get; set; }
    [CsvColumn("last_year")] public int? LastYear { get; set; }
    [CsvColumn("top_venues")] public string TopVenues { get; set; } = "";
    [CsvColumn("top_coauthors")] public string TopCoauthors { get; set; } = "";
    [CsvColumn("topic_terms")] public string TopicTerms { get; set; } = "";
    [CsvColumn("status")] public string Status { get; set; } = "";
    [CsvColumn("confidence")] public double Confidence { get; set; }
}

/// <summary>One row of the per-page table that <c>evaluate</c> writes.</summary>
[CsvRecord]
public sealed partial class EvaluationRow
{
    [CsvColumn("dataset")] public string Dataset { get; set; } = "";
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("papers")] public int Papers { get; set; }
    [CsvColumn("gold_identities")] public int GoldIdentities { get; set; }
    [CsvColumn("predicted_identities")] public int PredictedIdentities { get; set; }
    [CsvColumn("b3_precision")] public double B3Precision { get; set; }
    [CsvColumn("b3_recall")] public double B3Recall { get; set; }
    [CsvColumn("b3_f1")] public double B3F1 { get; set; }
    [CsvColumn("pairwise_precision")] public double PairPrecision { get; set; }
    [CsvColumn("pairwise_recall")] public double PairRecall { get; set; }
    [CsvColumn("pairwise_f1")] public double PairF1 { get; set; }
}

/// <summary>One row of <c>cv-pages.csv</c>, which <c>train</c> writes: a page's held-out scores, for error analysis.</summary>
[CsvRecord]
public sealed partial class CrossValidatedPageRow
{
    [CsvColumn("dataset")] public string Dataset { get; set; } = "";
    [CsvColumn("source")] public string Source { get; set; } = "";
    [CsvColumn("papers")] public int Papers { get; set; }
    [CsvColumn("gold_identities")] public int GoldIdentities { get; set; }
    [CsvColumn("b3_precision")] public double B3Precision { get; set; }
    [CsvColumn("b3_recall")] public double B3Recall { get; set; }
    [CsvColumn("b3_f1")] public double B3F1 { get; set; }
    [CsvColumn("one_stage_precision")] public double OneStagePrecision { get; set; }
    [CsvColumn("one_stage_recall")] public double OneStageRecall { get; set; }
}
