using ArrowDisambig.Features;
using ArrowDisambig.Pipeline;
using QuikGraph.Algorithms;

namespace ArrowDisambig.Tests.Performance;

/// <summary>Candidate pairs, topic sub-blocks and the co-author graph's flat arrays.</summary>
public class CandidatePairTests
{
    [Test]
    public void Index_pairs_equal_the_reference_hash_set_implementation()
    {
        foreach (var page in new[] { PerfFixtures.Seed, PerfFixtures.Synthetic })
        {
            var fast = CandidatePairs.For(page, exhaustiveLimit: 0, subBlockSize: 1);
            var reference = ReferenceCandidatePairs.For(page);
            // The reference blocks only above its own limit: compare with the limit taken away.
            var referenceBlocked = ReferenceBlocked(page);
            Assert.That(fast, Is.EqualTo(referenceBlocked));
            Assert.That(CandidatePairs.For(page), Is.EqualTo(reference), "below the exhaustive limit: every pair");
        }
    }

    // ReferenceCandidatePairs.For with ExhaustiveLimit = 0 (the reference's limit is a constant).
    private static List<(int A, int B)> ReferenceBlocked(PageFeatureContext page)
    {
        int n = page.Context.Count;
        var set = new HashSet<(int, int)>();
        var g = page.Context.Graph;
        for (int c = 0; c < g.CoauthorNames.Count; c++) AddAll(g.PapersOf(c).ToArray());
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int p = 0; p < n; p++)
        {
            if (page.Text.VenueKey[p].Length > 0) Add("v:" + page.Text.VenueKey[p], p);
            foreach (int w in page.Text.TitleWords[p]) Add("t:" + w, p);
        }
        int rareLimit = Math.Max(20, (int)Math.Sqrt(n) * 4);
        foreach (var list in byKey.Values) if (list.Count <= rareLimit) AddAll(list.ToArray());
        return set.Order().ToList();

        void Add(string key, int p) { if (!byKey.TryGetValue(key, out var l)) byKey[key] = l = new(); l.Add(p); }
        void AddAll(int[] papers)
        {
            for (int x = 0; x < papers.Length; x++) for (int y = x + 1; y < papers.Length; y++)
                set.Add((Math.Min(papers[x], papers[y]), Math.Max(papers[x], papers[y])));
        }
    }

    [Test]
    public void Sub_blocked_pairs_are_the_index_pairs_and_every_pair_inside_each_topic_block()
    {
        var page = PerfFixtures.Synthetic;
        var blocks = TopicBlocks.Split(page, 60);
        Assert.That(blocks.SelectMany(b => b).Order(), Is.EqualTo(Enumerable.Range(0, page.Context.Count)), "each paper in one block");
        Assert.That(blocks.All(b => b.Length is > 0 and <= 60), Is.True);
        Assert.That(blocks.Count, Is.GreaterThan(page.Context.Count / 60));

        var expected = new HashSet<(int, int)>(CandidatePairs.For(page, 0, 1));
        foreach (var b in blocks)
            for (int x = 0; x < b.Length; x++) for (int y = x + 1; y < b.Length; y++) expected.Add((b[x], b[y]));
        var pairs = CandidatePairs.For(page, 0, 60);
        Assert.That(pairs, Is.EqualTo(expected.Order().ToList()), "sorted, no duplicates");
        Assert.That(CandidatePairs.For(page, 0, 60), Is.EqualTo(pairs), "deterministic");
    }

    [Test]
    public void Topic_blocks_split_identical_papers_into_runs()
    {
        var page = PerfFixtures.Seed;
        var blocks = TopicBlocks.Split(page, 5);
        Assert.That(blocks.All(b => b.Length <= 5), Is.True);
        Assert.That(blocks.SelectMany(b => b).Order(), Is.EqualTo(Enumerable.Range(0, page.Context.Count)));
    }

    [Test]
    public void Graph_components_and_neighbours_agree_with_QuikGraph()
    {
        var g = PerfFixtures.Synthetic.Context.Graph;
        var components = new Dictionary<int, int>();
        g.Graph.ConnectedComponents(components);
        int n = g.PaperCount;
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b += 7)
                Assert.That(g.SameComponent(a, b), Is.EqualTo(components[a] == components[b]), $"{a}, {b}");
            var expected = new SortedSet<int>();
            foreach (int c in g.CoauthorsOf(a)) foreach (int q in g.PapersOf(c)) if (q != a) expected.Add(q);
            Assert.That(g.NeighboursOf(a).ToArray(), Is.EqualTo(expected.ToArray()));
        }
    }
}
