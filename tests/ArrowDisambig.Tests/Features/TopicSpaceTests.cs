using ArrowDisambig.Features;

namespace ArrowDisambig.Tests.Features;

public class TopicSpaceTests
{
    [Test]
    public void Jacobi_finds_eigenpairs_of_a_symmetric_matrix()
    {
        var rng = new Random(3);
        int n = 6;
        var a = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) a[i, j] = a[j, i] = rng.NextDouble() - 0.5;
        var (values, vectors) = TopicSpace.Jacobi(a);
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i, j] * vectors[j, k];
                Assert.That(av, Is.EqualTo(values[k] * vectors[i, k]).Within(1e-9));
            }
    }

    private static readonly string[] Corpus =
    [
        "graph neural networks for node classification", "node embeddings on large graphs", "graph convolution networks and node features",
        "message passing neural networks on graphs", "protein folding with molecular dynamics", "molecular dynamics simulation of protein structure",
        "protein structure prediction from sequence", "folding kinetics of small proteins", "graph attention for node embeddings",
        "simulation of molecular structure and folding",
    ];

    [Test]
    public void Texts_on_one_topic_are_closer_than_texts_on_different_topics()
    {
        var space = TopicSpace.Build(Enumerable.Repeat(Corpus, 5).SelectMany(x => x), dimensions: 4, minDf: 2);
        var graphs = space.Project("convolution on graphs");
        var nodes = space.Project("node embeddings");
        var proteins = space.Project("protein folding");
        Assert.That(TopicSpace.Cosine(graphs, nodes), Is.GreaterThan(TopicSpace.Cosine(graphs, proteins)));
        Assert.That(space.Project("zzzz qqqq"), Is.Empty);
    }

    [Test]
    public void Round_trips_through_its_file_format()
    {
        var space = TopicSpace.Build(Enumerable.Repeat(Corpus, 5).SelectMany(x => x), dimensions: 4, minDf: 2);
        using var ms = new MemoryStream();
        space.Write(ms);
        ms.Position = 0;
        var back = TopicSpace.Read(ms);
        Assert.That(back.VocabularySize, Is.EqualTo(space.VocabularySize));
        Assert.That(back.Project("graph neural networks"), Is.EqualTo(space.Project("graph neural networks")).Within(2e-3f));
    }
}
