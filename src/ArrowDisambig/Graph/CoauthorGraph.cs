using System.Text;
using QuikGraph;

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
    private readonly Lazy<UndirectedGraph<int, UndirectedEdge<int>>> _graph;

    /// <summary>Builds the graph from each paper's canonical co-author ids.</summary>
    /// <param name="coauthorsOfPaper">Per paper, the canonical ids (0..m-1) of its co-authors.</param>
    /// <param name="coauthorNames">Display name per canonical co-author id.</param>
    public CoauthorGraph(IReadOnlyList<IReadOnlyList<int>> coauthorsOfPaper, IReadOnlyList<string> coauthorNames)
    {
        PaperCount = coauthorsOfPaper.Count;
        CoauthorNames = coauthorNames;
        int n = PaperCount, m = coauthorNames.Count;
        _coauthorsOfPaper = new int[n][];
        var papersPerCoauthor = new int[m];
        for (int p = 0; p < n; p++)
        {
            var list = coauthorsOfPaper[p];
            var ids = new int[list.Count];
            for (int k = 0; k < ids.Length; k++) ids[k] = list[k];
            Array.Sort(ids);
            int distinct = 0;
            for (int k = 0; k < ids.Length; k++) if (k == 0 || ids[k] != ids[k - 1]) ids[distinct++] = ids[k];
            if (distinct < ids.Length) Array.Resize(ref ids, distinct);
            _coauthorsOfPaper[p] = ids;
            foreach (int c in ids) papersPerCoauthor[c]++;
        }
        // Papers of each co-author, in paper order (so sorted).
        _papersOfCoauthor = new int[m][];
        for (int c = 0; c < m; c++) _papersOfCoauthor[c] = new int[papersPerCoauthor[c]];
        Array.Clear(papersPerCoauthor);
        for (int p = 0; p < n; p++)
            foreach (int c in _coauthorsOfPaper[p]) _papersOfCoauthor[c][papersPerCoauthor[c]++] = p;

        // One-hop paper neighbours (papers sharing a co-author), sorted, so two-hop counts are merges.
        // A stamp per paper removes duplicates without a hash set.
        _neighbours = new int[n][];
        var seen = new int[n];
        Array.Fill(seen, -1);
        var buffer = new List<int>();
        for (int p = 0; p < n; p++)
        {
            buffer.Clear();
            seen[p] = p;
            foreach (int c in _coauthorsOfPaper[p])
                foreach (int q in _papersOfCoauthor[c])
                    if (seen[q] != p) { seen[q] = p; buffer.Add(q); }
            var a = buffer.ToArray();
            Array.Sort(a);
            _neighbours[p] = a;
        }

        // Components of the paper–co-author graph, seen from the papers: papers sharing a co-author are joined.
        // Union-find with path halving: each paper points towards the first paper of its component.
        var parent = new int[n];
        for (int p = 0; p < n; p++) parent[p] = p;
        foreach (var papers in _papersOfCoauthor)
            for (int k = 1; k < papers.Length; k++)
            {
                int a = Find(papers[0]), b = Find(papers[k]);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        _component = new int[n];
        for (int p = 0; p < n; p++) _component[p] = Find(p);

        _graph = new(BuildGraph, LazyThreadSafetyMode.ExecutionAndPublication);

        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
    }

    private UndirectedGraph<int, UndirectedEdge<int>> BuildGraph()
    {
        var graph = new UndirectedGraph<int, UndirectedEdge<int>>(allowParallelEdges: false);
        graph.AddVertexRange(Enumerable.Range(0, PaperCount + CoauthorNames.Count));
        for (int p = 0; p < PaperCount; p++)
            // Paper ids are below co-author ids, as UndirectedEdge requires source <= target.
            foreach (int c in _coauthorsOfPaper[p]) graph.AddEdge(new UndirectedEdge<int>(p, PaperCount + c));
        return graph;
    }

    /// <summary>
    /// The QuikGraph graph; vertex ids as described on the type. Built on first use: the pipeline itself
    /// reads only the flat arrays (QuikGraph's component search took seconds on a 10,000-paper page).
    /// </summary>
    public UndirectedGraph<int, UndirectedEdge<int>> Graph => _graph.Value;


    /// <summary>Number of paper vertices.</summary>
    public int PaperCount { get; }

    /// <summary>Display name of each co-author vertex (index = co-author id).</summary>
    public IReadOnlyList<string> CoauthorNames { get; }

    /// <summary>Sorted co-author ids of a paper.</summary>
    public ReadOnlySpan<int> CoauthorsOf(int paper) => _coauthorsOfPaper[paper];

    /// <summary>Papers (sorted) on which a co-author appears.</summary>
    public ReadOnlySpan<int> PapersOf(int coauthor) => _papersOfCoauthor[coauthor];

    /// <summary>Papers (sorted, without <paramref name="paper"/>) that share a co-author with <paramref name="paper"/>.</summary>
    public ReadOnlySpan<int> NeighboursOf(int paper) => _neighbours[paper];

    /// <summary>Number of papers on this page that list the co-author.</summary>
    public int PaperFrequency(int coauthor) => _papersOfCoauthor[coauthor].Length;

    /// <summary>
    /// Components of the co-author graph per paper among the papers that list any co-author (NaN when none does): near 0
    /// when one circle of co-authors writes most of the page, near 1 when no two papers share anyone.
    /// </summary>
    public float ComponentShare()
    {
        int withCoauthors = 0;
        var roots = new HashSet<int>();
        for (int p = 0; p < PaperCount; p++)
            if (_coauthorsOfPaper[p].Length > 0) { withCoauthors++; roots.Add(_component[p]); }
        return withCoauthors == 0 ? float.NaN : (float)roots.Count / withCoauthors;
    }

    /// <summary>
    /// The co-author circles of a set of papers: groups joined by chains of co-authors shared within the set (NeighboursOf
    /// restricted to it), largest first (ties: lowest paper first); a paper sharing no one in the set is a circle of one.
    /// </summary>
    public List<List<int>> Circles(IReadOnlyList<int> papers)
    {
        var inSet = new HashSet<int>(papers);
        var seen = new HashSet<int>();
        var circles = new List<List<int>>();
        foreach (int start in papers.Order())
        {
            if (!seen.Add(start)) continue;
            var circle = new List<int> { start };
            for (int k = 0; k < circle.Count; k++)
                foreach (int q in NeighboursOf(circle[k]))
                    if (inSet.Contains(q) && seen.Add(q)) circle.Add(q);
            circle.Sort();
            circles.Add(circle);
        }
        return circles.OrderByDescending(c => c.Count).ThenBy(c => c[0]).ToList();
    }

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
