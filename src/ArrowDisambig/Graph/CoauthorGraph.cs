using System.Text;
using QuikGraph;
using QuikGraph.Algorithms;

namespace ArrowDisambig.Graph;

/// <summary>
/// The bipartite graph of one page: paper vertices <c>0..n-1</c> and co-author vertices <c>n..n+m-1</c>,
/// one per co-author after name variants were merged, with an edge where a co-author is on a paper.
/// The page's own name (the ambiguous mention) is not a vertex: it is on every paper and says nothing.
/// </summary>
public sealed class CoauthorGraph
{
    private readonly int[][] _coauthorsOfPaper;
    private readonly int[][] _papersOfCoauthor;
    private readonly int[] _component;
    private readonly int[][] _neighbours;

    /// <summary>Builds the graph from each paper's canonical co-author ids.</summary>
    /// <param name="coauthorsOfPaper">Per paper, the canonical ids (0..m-1) of its co-authors.</param>
    /// <param name="coauthorNames">Display name per canonical co-author id.</param>
    public CoauthorGraph(IReadOnlyList<IReadOnlyList<int>> coauthorsOfPaper, IReadOnlyList<string> coauthorNames)
    {
        PaperCount = coauthorsOfPaper.Count;
        CoauthorNames = coauthorNames;
        Graph = new UndirectedGraph<int, UndirectedEdge<int>>(allowParallelEdges: false);
        Graph.AddVertexRange(Enumerable.Range(0, PaperCount + coauthorNames.Count));
        _coauthorsOfPaper = new int[PaperCount][];
        var papersOf = new List<int>[coauthorNames.Count];
        for (int c = 0; c < papersOf.Length; c++) papersOf[c] = new();
        for (int p = 0; p < PaperCount; p++)
        {
            var ids = coauthorsOfPaper[p].Distinct().Order().ToArray();
            _coauthorsOfPaper[p] = ids;
            foreach (int c in ids)
            {
                papersOf[c].Add(p);
                // Paper ids are below co-author ids, as UndirectedEdge requires source <= target.
                Graph.AddEdge(new UndirectedEdge<int>(p, PaperCount + c));
            }
        }
        _papersOfCoauthor = papersOf.Select(l => l.ToArray()).ToArray();

        // One-hop paper neighbours (papers sharing a co-author), sorted, so two-hop counts are merges.
        _neighbours = new int[PaperCount][];
        var set = new HashSet<int>();
        for (int p = 0; p < PaperCount; p++)
        {
            set.Clear();
            foreach (int c in _coauthorsOfPaper[p]) foreach (int q in _papersOfCoauthor[c]) if (q != p) set.Add(q);
            _neighbours[p] = set.Order().ToArray();
        }

        var components = new Dictionary<int, int>();
        Graph.ConnectedComponents(components);
        _component = new int[PaperCount];
        for (int p = 0; p < PaperCount; p++) _component[p] = components[p];
    }

    /// <summary>The QuikGraph graph; vertex ids as described on the type.</summary>
    public UndirectedGraph<int, UndirectedEdge<int>> Graph { get; }

    /// <summary>Number of paper vertices.</summary>
    public int PaperCount { get; }

    /// <summary>Display name of each co-author vertex (index = co-author id).</summary>
    public IReadOnlyList<string> CoauthorNames { get; }

    /// <summary>Sorted co-author ids of a paper.</summary>
    public ReadOnlySpan<int> CoauthorsOf(int paper) => _coauthorsOfPaper[paper];

    /// <summary>Papers (sorted) on which a co-author appears.</summary>
    public ReadOnlySpan<int> PapersOf(int coauthor) => _papersOfCoauthor[coauthor];

    /// <summary>Number of papers on this page that list the co-author.</summary>
    public int PaperFrequency(int coauthor) => _papersOfCoauthor[coauthor].Length;

    /// <summary>Whether two papers are joined by some chain of shared co-authors.</summary>
    public bool SameComponent(int a, int b) => _component[a] == _component[b];

    /// <summary>Co-author ids on both papers.</summary>
    public List<int> SharedCoauthors(int a, int b)
    {
        var shared = new List<int>();
        ReadOnlySpan<int> x = _coauthorsOfPaper[a], y = _coauthorsOfPaper[b];
        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (x[i] == y[j]) { shared.Add(x[i]); i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return shared;
    }

    /// <summary>
    /// Two-hop links: the number of other papers that share a co-author with both <paramref name="a"/> and
    /// <paramref name="b"/> (paper – co-author – paper – co-author – paper). It links two papers of one
    /// person written with different collaborators of the same group.
    /// </summary>
    public int TwoHopLinks(int a, int b)
    {
        ReadOnlySpan<int> x = _neighbours[a], y = _neighbours[b];
        int count = 0;
        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (x[i] == y[j]) { if (x[i] != a && x[i] != b) count++; i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return count;
    }

    /// <summary>Writes the graph in Graphviz DOT, papers coloured by <paramref name="labels"/> (their identity).</summary>
    public void WriteDot(TextWriter w, string title, Func<int, string> paperLabel, IReadOnlyList<int>? labels = null)
    {
        w.WriteLine($"graph \"{Escape(title)}\" {{");
        w.WriteLine("  node [fontsize=9];");
        for (int p = 0; p < PaperCount; p++)
        {
            string colour = labels is null ? "" : $", style=filled, fillcolor=\"/set312/{labels[p] % 12 + 1}\"";
            w.WriteLine($"  p{p} [shape=box, label=\"{Escape(paperLabel(p))}\"{colour}];");
        }
        for (int c = 0; c < CoauthorNames.Count; c++)
            w.WriteLine($"  a{c} [shape=ellipse, label=\"{Escape(CoauthorNames[c])}\"];");
        for (int p = 0; p < PaperCount; p++)
            foreach (int c in CoauthorsOf(p)) w.WriteLine($"  p{p} -- a{c};");
        w.WriteLine("}");
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char ch in s)
        {
            if (ch is '"' or '\\') sb.Append('\\').Append(ch);
            else if (char.IsControl(ch)) sb.Append(' ');
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
