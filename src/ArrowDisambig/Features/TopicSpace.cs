using System.Reflection;
using System.Text;
using ArrowDisambig.Names;

namespace ArrowDisambig.Features;

/// <summary>
/// A small latent semantic space (LSA) of title and abstract words, so two papers on one topic look alike
/// even when they share no word ("graph neural networks" and "node embeddings"). Built by <c>train</c> with
/// a randomized SVD of the TF-IDF matrix of every title and abstract in the labelled corpora (no labels are
/// used), and shipped as <c>models/topics.bin</c> (words, IDF and half-precision vectors).
/// </summary>
public sealed class TopicSpace
{
    private readonly Dictionary<string, int> _index;
    private readonly float[] _idf;
    private readonly float[] _vectors; // word-major: word w occupies [w * Dimensions, (w + 1) * Dimensions)

    private TopicSpace(Dictionary<string, int> index, float[] idf, float[] vectors, int dimensions)
    {
        _index = index; _idf = idf; _vectors = vectors; Dimensions = dimensions;
    }

    /// <summary>Length of a topic vector.</summary>
    public int Dimensions { get; }

    /// <summary>Words in the space.</summary>
    public int VocabularySize => _idf.Length;

    /// <summary>The L2-normalised topic vector of a text; empty when none of its words is known.</summary>
    public float[] Project(string text)
    {
        var tf = new Dictionary<int, int>();
        foreach (var w in PageTextIndex.Words(TextFold.Fold(text)))
            if (_index.TryGetValue(w, out int id)) tf[id] = tf.GetValueOrDefault(id) + 1;
        if (tf.Count == 0) return [];
        var v = new float[Dimensions];
        foreach (var (id, n) in tf)
        {
            float weight = (1 + MathF.Log(n)) * _idf[id];
            var row = _vectors.AsSpan(id * Dimensions, Dimensions);
            for (int d = 0; d < Dimensions; d++) v[d] += weight * row[d];
        }
        float norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm <= 0) return [];
        for (int d = 0; d < Dimensions; d++) v[d] /= norm;
        return v;
    }

    /// <summary>Cosine of two projected vectors; NaN when either is empty.</summary>
    public static float Cosine(float[] a, float[] b)
    {
        if (a.Length == 0 || b.Length == 0) return float.NaN;
        float s = 0;
        for (int d = 0; d < a.Length; d++) s += a[d] * b[d];
        return s;
    }

    /// <summary>
    /// Builds the space: vocabulary of content words in at least <paramref name="minDf"/> documents (the
    /// <paramref name="maxWords"/> most frequent), TF-IDF rows, and the top <paramref name="dimensions"/> right
    /// singular vectors by a randomized SVD (Halko et al.) with two power iterations. Deterministic for a seed.
    /// </summary>
    public static TopicSpace Build(IEnumerable<string> documents, int dimensions = 48, int maxWords = 8000, int minDf = 3, int seed = 42)
    {
        var docs = documents.Select(d => PageTextIndex.Words(TextFold.Fold(d)).ToList()).Where(d => d.Count > 0).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs) foreach (var w in d.Distinct()) df[w] = df.GetValueOrDefault(w) + 1;
        var vocab = df.Where(x => x.Value >= minDf).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(maxWords).Select(x => x.Key).ToList();
        var index = vocab.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        int v = vocab.Count, n = docs.Count;
        var idf = vocab.Select(w => MathF.Log((float)n / df[w])).ToArray();

        // Sparse TF-IDF rows, L2-normalised.
        var rows = new List<(int[] Ids, float[] W)>(n);
        foreach (var d in docs)
        {
            var tf = new Dictionary<int, int>();
            foreach (var w in d) if (index.TryGetValue(w, out int id)) tf[id] = tf.GetValueOrDefault(id) + 1;
            if (tf.Count == 0) continue;
            var ids = tf.Keys.Order().ToArray();
            var ws = ids.Select(id => (1 + MathF.Log(tf[id])) * idf[id]).ToArray();
            float norm = MathF.Sqrt(ws.Sum(x => x * x));
            for (int i = 0; i < ws.Length; i++) ws[i] /= norm;
            rows.Add((ids, ws));
        }

        int l = Math.Min(dimensions + 10, v);
        var rng = new Random(seed);
        // Y = Xᵀ Ω (v × l), then power iterations Y = Xᵀ X Y, orthonormalised each time.
        var omega = new double[rows.Count, l];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < l; j++) omega[i, j] = Gaussian(rng);
        var y = XtTimes(rows, omega, v, l);
        Orthonormalise(y);
        for (int it = 0; it < 2; it++)
        {
            y = XtTimes(rows, XTimes(rows, y, l), v, l);
            Orthonormalise(y);
        }
        // B = X Q (n × l); BᵀB = W Σ² Wᵀ; right singular vectors of X ≈ Q W.
        var b = XTimes(rows, y, l);
        var btb = new double[l, l];
        for (int i = 0; i < rows.Count; i++)
            for (int p = 0; p < l; p++)
                for (int q = p; q < l; q++) btb[p, q] += b[i, p] * b[i, q];
        for (int p = 0; p < l; p++) for (int q = 0; q < p; q++) btb[p, q] = btb[q, p];
        var (eigenvalues, eigenvectors) = Jacobi(btb);
        var order = Enumerable.Range(0, l).OrderByDescending(i => eigenvalues[i]).Take(dimensions).ToArray();
        var vectors = new float[v * dimensions];
        for (int w = 0; w < v; w++)
            for (int d = 0; d < dimensions; d++)
            {
                double s = 0;
                for (int k = 0; k < l; k++) s += y[w, k] * eigenvectors[k, order[d]];
                vectors[w * dimensions + d] = (float)s;
            }
        return new TopicSpace(index, idf, vectors, dimensions);
    }

    /// <summary>Writes the space in its binary form (half-precision vectors keep the file near 1 MB).</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write("ADTOPICS1");
        w.Write(VocabularySize);
        w.Write(Dimensions);
        foreach (var (word, id) in _index.OrderBy(x => x.Value))
        {
            w.Write(word);
            w.Write(_idf[id]);
            for (int d = 0; d < Dimensions; d++) w.Write((Half)_vectors[id * Dimensions + d]);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not a topic space file.</exception>
    public static TopicSpace Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != "ADTOPICS1") throw new InvalidDataException("not an ArrowDisambig topic space");
        int v = r.ReadInt32(), dims = r.ReadInt32();
        var index = new Dictionary<string, int>(v, StringComparer.Ordinal);
        var idf = new float[v];
        var vectors = new float[v * dims];
        for (int id = 0; id < v; id++)
        {
            index[r.ReadString()] = id;
            idf[id] = r.ReadSingle();
            for (int d = 0; d < dims; d++) vectors[id * dims + d] = (float)r.ReadHalf();
        }
        return new TopicSpace(index, idf, vectors, dims);
    }

    /// <summary>The space shipped in this build, or null when the build has none.</summary>
    public static TopicSpace? Embedded()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("ArrowDisambig.models.topics.bin");
        return s is null ? null : Read(s);
    }

    private static double[,] XtTimes(List<(int[] Ids, float[] W)> rows, double[,] m, int v, int l)
    {
        var result = new double[v, l];
        for (int i = 0; i < rows.Count; i++)
        {
            var (ids, ws) = rows[i];
            for (int k = 0; k < ids.Length; k++)
                for (int j = 0; j < l; j++) result[ids[k], j] += ws[k] * m[i, j];
        }
        return result;
    }

    private static double[,] XTimes(List<(int[] Ids, float[] W)> rows, double[,] m, int l)
    {
        var result = new double[rows.Count, l];
        for (int i = 0; i < rows.Count; i++)
        {
            var (ids, ws) = rows[i];
            for (int k = 0; k < ids.Length; k++)
                for (int j = 0; j < l; j++) result[i, j] += ws[k] * m[ids[k], j];
        }
        return result;
    }

    /// <summary>Modified Gram–Schmidt on the columns.</summary>
    private static void Orthonormalise(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        for (int j = 0; j < cols; j++)
        {
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < rows; i++) dot += a[i, j] * a[i, k];
                for (int i = 0; i < rows; i++) a[i, j] -= dot * a[i, k];
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) norm += a[i, j] * a[i, j];
            norm = Math.Sqrt(norm);
            if (norm < 1e-12) continue;
            for (int i = 0; i < rows; i++) a[i, j] /= norm;
        }
    }

    /// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.</summary>
    internal static (double[] Values, double[,] Vectors) Jacobi(double[,] input)
    {
        int n = input.GetLength(0);
        var a = (double[,])input.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off < 1e-20) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
        }
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = a[i, i];
        return (values, v);
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
