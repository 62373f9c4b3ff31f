using ArrowDisambig.Features;

namespace ArrowDisambig.Model;

/// <summary>
/// A pair scorer that also scores feature vectors computed beforehand (<see cref="PairFeatures.ComputeMany"/>),
/// so the pipeline can featurise and score in separate, separately timed passes.
/// </summary>
public interface IFeatureVectorScorer
{
    /// <summary>
    /// Scores <paramref name="count"/> vectors of <see cref="PairFeatures.FixedCount"/> features of pairs of
    /// <paramref name="page"/>, stored one after another in <paramref name="rows"/>. Thread-safe.
    /// </summary>
    void ScoreVectors(PageFeatureContext page, ReadOnlySpan<float> rows, int count, Span<float> probabilities);
}
