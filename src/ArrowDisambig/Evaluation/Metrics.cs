namespace ArrowDisambig.Evaluation;

/// <summary>Precision, recall and F1 of one measure.</summary>
public readonly record struct Prf(double Precision, double Recall)
{
    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Sums that B³ and pairwise scores are made of, so pages can be added up before dividing (micro averages).</summary>
public readonly record struct ScoreSums(double B3Precision, double B3Recall, int Papers, long TruePairs, long PredictedPairs, long GoldPairs)
{
    /// <summary>Adds two sets of sums.</summary>
    public static ScoreSums operator +(ScoreSums a, ScoreSums b) => new(
        a.B3Precision + b.B3Precision, a.B3Recall + b.B3Recall, a.Papers + b.Papers,
        a.TruePairs + b.TruePairs, a.PredictedPairs + b.PredictedPairs, a.GoldPairs + b.GoldPairs);

    /// <summary>B³ averaged over all papers (micro), as S2AND reports it.</summary>
    public Prf B3 => Papers == 0 ? new(1, 1) : new(B3Precision / Papers, B3Recall / Papers);

    /// <summary>Pairwise precision/recall over within-page pairs; 1 when there is nothing to get wrong.</summary>
    public Prf Pairwise => new(PredictedPairs == 0 ? 1 : (double)TruePairs / PredictedPairs, GoldPairs == 0 ? 1 : (double)TruePairs / GoldPairs);
}

/// <summary>Clustering metrics over the papers of one page.</summary>
public static class Metrics
{
    /// <summary>The most common gold identity among <paramref name="papers"/>; ties go to the ordinally first.</summary>
    public static string Majority(IEnumerable<int> papers, IReadOnlyList<string> gold) =>
        papers.GroupBy(i => gold[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    /// <summary>
    /// Per paper: whether its predicted cluster's <see cref="Majority"/> identity is its own, i.e. whether it sits with
    /// its own person rather than as a stray in someone else's identity.
    /// </summary>
    public static bool[] WellPlaced(IReadOnlyList<int> predicted, IReadOnlyList<string> gold)
    {
        if (predicted.Count != gold.Count)
            throw new ArgumentException($"predicted has {predicted.Count} labels, gold {gold.Count}");
        var majority = Enumerable.Range(0, predicted.Count).GroupBy(i => predicted[i]).ToDictionary(g => g.Key, g => Majority(g, gold));
        return Enumerable.Range(0, predicted.Count).Select(i => majority[predicted[i]] == gold[i]).ToArray();
    }

    /// <summary>
    /// B³ and pairwise sums for one page. For each paper p: P = |pred(p) ∩ gold(p)| / |pred(p)|,
    /// R = |pred(p) ∩ gold(p)| / |gold(p)|, where each cluster contains p itself.
    /// </summary>
    public static ScoreSums Score<TPred, TGold>(IReadOnlyList<TPred> predicted, IReadOnlyList<TGold> gold)
        where TPred : notnull where TGold : notnull
    {
        if (predicted.Count != gold.Count)
            throw new ArgumentException($"predicted has {predicted.Count} labels, gold {gold.Count}");
        int n = predicted.Count;
        var joint = new Dictionary<(TPred, TGold), int>();
        var predSize = new Dictionary<TPred, int>();
        var goldSize = new Dictionary<TGold, int>();
        for (int i = 0; i < n; i++)
        {
            joint[(predicted[i], gold[i])] = joint.GetValueOrDefault((predicted[i], gold[i])) + 1;
            predSize[predicted[i]] = predSize.GetValueOrDefault(predicted[i]) + 1;
            goldSize[gold[i]] = goldSize.GetValueOrDefault(gold[i]) + 1;
        }
        double p = 0, r = 0;
        for (int i = 0; i < n; i++)
        {
            double both = joint[(predicted[i], gold[i])];
            p += both / predSize[predicted[i]];
            r += both / goldSize[gold[i]];
        }
        return new ScoreSums(p, r, n, joint.Values.Sum(Pairs), predSize.Values.Sum(Pairs), goldSize.Values.Sum(Pairs));
    }

    private static long Pairs(int k) => (long)k * (k - 1) / 2;
}
