using ArrowDisambig.Features;

namespace ArrowDisambig.Clustering;

/// <summary>
/// The Clustering stage: turns a page's scored pairs into identities under reviewer constraints.
/// Other stages only see this interface, so a clusterer can be replaced without touching them.
/// </summary>
public interface IIdentityClusterer
{
    /// <summary>Short description for run.json and reports, e.g. the cut used.</summary>
    string Description { get; }

    /// <summary>Clusters the papers of one page. Thread-safe.</summary>
    /// <exception cref="ConstraintConflictException">The constraints contradict each other.</exception>
    ClusterAssignment Cluster(PageFeatureContext page, IReadOnlyList<Affinity> affinities, Constraints constraints);
}

/// <summary>One stage: average linkage cut at <paramref name="MinAffinity"/>.</summary>
public sealed record AverageLinkageClusterer(double MinAffinity) : IIdentityClusterer
{
    /// <inheritdoc />
    public string Description => $"average linkage, min affinity {MinAffinity:0.00}";

    /// <inheritdoc />
    public ClusterAssignment Cluster(PageFeatureContext page, IReadOnlyList<Affinity> affinities, Constraints constraints) =>
        Agglomerative.Cluster(page.Context.Count, affinities, MinAffinity, constraints);
}

/// <summary>Scores a pair of clusters from its <see cref="ClusterPairFeatures"/>. Thread-safe.</summary>
public interface IClusterPairScorer
{
    /// <summary>The probability that the two clusters are one person.</summary>
    float Score(ReadOnlySpan<float> features);

    /// <summary>Scores <paramref name="count"/> feature vectors stored one after another in <paramref name="rows"/>.</summary>
    void Score(ReadOnlySpan<float> rows, int count, Span<float> probabilities)
    {
        const int F = ClusterPairFeatures.FixedCount;
        for (int r = 0; r < count; r++) probabilities[r] = Score(rows.Slice(r * F, F));
    }

    /// <summary>A scorer for cluster pairs of one page, possibly faster there (the default: this one).</summary>
    IClusterPairScorer ForPage(PageFeatureContext page) => this;
}

/// <summary>
/// Two stages: average linkage on paper pairs at <paramref name="MinAffinity"/> proposes precise clusters,
/// then <see cref="ProfileMerger"/> joins clusters whose profiles (co-authors, venues, topic, years) say
/// they are one person, while the merge model's probability is at least <paramref name="MinMerge"/>.
/// </summary>
public sealed record TwoStageClusterer(double MinAffinity, IClusterPairScorer Merger, double MinMerge) : IIdentityClusterer
{
    /// <inheritdoc />
    public string Description => $"average linkage at {MinAffinity:0.00}, then profile merge at {MinMerge:0.00}";

    /// <inheritdoc />
    public ClusterAssignment Cluster(PageFeatureContext page, IReadOnlyList<Affinity> affinities, Constraints constraints)
    {
        var first = Agglomerative.Cluster(page.Context.Count, affinities, MinAffinity, constraints);
        return ProfileMerger.Merge(page, first, affinities, Merger, MinMerge, constraints);
    }
}
