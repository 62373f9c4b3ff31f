using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Bench;
using ArrowDisambig.Clustering;
using ArrowDisambig.Features;
using ArrowDisambig.Graph;
using ArrowDisambig.Model;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Tests.Performance;

/// <summary>Pages and helpers shared by the performance-equivalence tests.</summary>
internal static class PerfFixtures
{
    private static readonly Lazy<PageFeatureContext> SeedPage = new(() => Build(ArrowPageParser.ParseFile(TestPaths.Seed)));
    private static readonly Lazy<PageFeatureContext> SyntheticPage = new(() => Build(ArrowPageParser.Parse(
        Encoding.UTF8.GetBytes(SyntheticPages.Render(new SyntheticPageOptions(400, 8, 12345), "Wei Wang")), "synthetic-400.txt")));
    private static readonly Lazy<PairwiseModel> Embedded = new(() => PairwiseModel.LoadEmbedded()
        ?? throw new InvalidOperationException("this build embeds no model"));

    /// <summary>The seed page (43 papers).</summary>
    public static PageFeatureContext Seed => SeedPage.Value;

    /// <summary>A synthetic 400-paper "Wei Wang" page (50 people, seed 12345).</summary>
    public static PageFeatureContext Synthetic => SyntheticPage.Value;

    /// <summary>The model shipped in this build.</summary>
    public static PairwiseModel Model => Embedded.Value;

    public static PageFeatureContext Build(ClusterPage page) => PageFeatureContext.Build(PageContext.Build(page), NameFrequencies.Embedded());

    /// <summary>Every pair (i &lt; j), sorted.</summary>
    public static (int A, int B)[] AllPairs(int n)
    {
        var pairs = new List<(int, int)>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) pairs.Add((i, j));
        return pairs.ToArray();
    }

    /// <summary>SHA-256 of the raw bits of the floats.</summary>
    public static string Checksum(ReadOnlySpan<float> values) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values)));

    /// <summary>The pipeline's affinities (all pairs scored by the embedded model, kept from 0.01).</summary>
    public static List<Affinity> Affinities(PageFeatureContext page)
    {
        var pairs = CandidatePairs.For(page);
        var probs = new float[pairs.Count];
        Model.Score(page, pairs, probs);
        var list = new List<Affinity>();
        for (int k = 0; k < pairs.Count; k++)
            if (probs[k] >= PageProcessor.KeepAffinity) list.Add(new Affinity(pairs[k].A, pairs[k].B, probs[k]));
        return list;
    }

    /// <summary>Two labelings describe the same partition.</summary>
    public static bool SamePartition(IReadOnlyList<int> x, IReadOnlyList<int> y)
    {
        if (x.Count != y.Count) return false;
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (int i = 0; i < x.Count; i++)
        {
            if (forward.TryGetValue(x[i], out int fy) && fy != y[i]) return false;
            if (backward.TryGetValue(y[i], out int bx) && bx != x[i]) return false;
            forward[x[i]] = y[i];
            backward[y[i]] = x[i];
        }
        return true;
    }
}
