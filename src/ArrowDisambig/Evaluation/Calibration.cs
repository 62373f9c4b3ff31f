namespace ArrowDisambig.Evaluation;

/// <summary>One probability bin of a reliability table.</summary>
/// <param name="Low">Lowest probability in the bin (inclusive).</param>
/// <param name="High">Highest probability in the bin (exclusive, but 1 belongs to the last bin).</param>
/// <param name="Count">Outcomes whose probability falls in the bin.</param>
/// <param name="MeanPredicted">Their mean probability.</param>
/// <param name="Observed">The share of them that are one person.</param>
public sealed record CalibrationBin(double Low, double High, long Count, double MeanPredicted, double Observed);

/// <summary>
/// How well probabilities match outcomes: the Brier score, the expected calibration error (pair-weighted mean of
/// |mean predicted − observed| over equal-width bins) and the reliability table itself. The clustering cuts at a
/// probability, so a model whose 0.7 means 70% cuts where its card says.
/// </summary>
/// <param name="Count">Outcomes measured.</param>
/// <param name="Brier">Mean squared error of the probabilities.</param>
/// <param name="ExpectedError">Expected calibration error.</param>
/// <param name="Bins">The reliability table, empty bins left out.</param>
public sealed record Calibration(long Count, double Brier, double ExpectedError, IReadOnlyList<CalibrationBin> Bins)
{
    /// <summary>Measures <paramref name="outcomes"/> in <paramref name="bins"/> equal-width bins.</summary>
    public static Calibration Of(IEnumerable<(float Probability, bool Same)> outcomes, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new long[bins];
        var predicted = new double[bins];
        var positive = new long[bins];
        long n = 0;
        double squared = 0;
        foreach (var (p, y) in outcomes)
        {
            if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(outcomes), p, "probabilities lie in [0, 1]");
            int b = Math.Min(bins - 1, (int)(p * bins));
            count[b]++;
            predicted[b] += p;
            if (y) positive[b]++;
            double e = p - (y ? 1 : 0);
            squared += e * e;
            n++;
        }
        var table = new List<CalibrationBin>();
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            double mean = predicted[b] / count[b], observed = (double)positive[b] / count[b];
            table.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], mean, observed));
            ece += count[b] * Math.Abs(mean - observed);
        }
        return n == 0 ? new Calibration(0, 0, 0, table) : new Calibration(n, squared / n, ece / n, table);
    }
}
