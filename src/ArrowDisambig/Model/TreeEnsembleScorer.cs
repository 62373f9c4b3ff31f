using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ArrowDisambig.Model;

/// <summary>
/// Evaluates a trained ML.NET boosted-tree binary classifier (LightGbm, or FastTree without input
/// transforms) with a Platt calibrator directly from flat arrays, reproducing ML.NET's probabilities
/// bit for bit. On the build machine the shipped pair model, specialised to a page, scores a vector in about
/// 3 µs in batches, where a <c>PredictionEngine</c> takes 16–29 µs (row objects, cursor machinery).
/// </summary>
/// <remarks>
/// <para>What ML.NET computes, and this class repeats: the raw score is the sum, in tree order and in
/// double precision, of one leaf value per tree, cast to float; the probability is
/// <c>(float)(1 / (1 + exp(slope * score + offset)))</c>. At a node, the value is compared as
/// <c>value &lt;= threshold</c> (left) or not (right).</para>
/// <para>Missing values (NaN) follow ML.NET's <c>InternalRegressionTree.GetFeatureValue</c>: a tree
/// converted from LightGBM carries a per-node "default value for missing" (the threshold when LightGBM
/// sends missing values left, threshold + 1 when right, 0 for nodes LightGBM trained without missing values)
/// and NaN is replaced by it; but when every default of a tree is 0 ML.NET drops the array, and NaN is then
/// compared as is, so it goes right at every node of that tree. The evaluator stores per node whether NaN
/// goes left, and there reads NaN as −∞ (so it goes left whatever the threshold); elsewhere the value is
/// compared as is, as ML.NET does (NaN &lt;= t is false: right).</para>
/// <para><see cref="TryCreate"/> returns null, so callers keep the ML.NET engine, for anything else:
/// other model or calibrator types, categorical splits, tree weights other than 1, a bias, or a model on
/// which the evaluator disagrees with ML.NET on a self-check set of vectors.</para>
/// </remarks>
public sealed class TreeEnsembleScorer
{
    /// <summary>
    /// One split: the index into the evaluation buffer (feature f; f + FeatureCount where NaN goes left, which
    /// reads NaN as −∞), the threshold, and the children, 16 bytes so a visit is one load. In the trees as read
    /// a child below 0 is ~leaf; in the evaluation form a leaf is a node whose children are itself.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private record struct Node(int Input, float Threshold, int Left, int Right);

    // The trees as read from ML.NET.
    private readonly Node[] _sourceNodes;
    private readonly int[] _sourceRoot;
    private readonly double[] _leafValue;
    private readonly double _slope;
    private readonly double _offset;

    // The evaluation form: per tree a root and the number of steps that reaches a leaf from it on any path
    // (0 for a tree that is a single leaf); leaf values per node.
    private readonly Node[] _nodes;
    private readonly double[] _nodeValue;
    private readonly int[] _root;
    private readonly int[] _steps;

    [ThreadStatic] private static List<Node>? _scratchNodes;
    [ThreadStatic] private static List<double>? _scratchValues;

    /// <summary>Number of nodes evaluated (leaves included), after any specialisation.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>Rows evaluated together, tree by tree, so each tree's nodes stay in the L1 cache.</summary>
    private const int Block = 64;

    private TreeEnsembleScorer(int featureCount, Node[] sourceNodes, int[] sourceRoot, double[] leafValue, double slope, double offset, float?[]? fixedValues)
    {
        FeatureCount = featureCount;
        _sourceNodes = sourceNodes; _sourceRoot = sourceRoot; _leafValue = leafValue;
        _slope = slope; _offset = offset;
        (_nodes, _nodeValue, _root, _steps) = Compile(fixedValues);
    }

    /// <summary>Length of the feature vectors the model takes.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => _root.Length;

    /// <summary>
    /// Reads the trees and calibrator of <paramref name="model"/>, or returns null (with the reason) when the
    /// model is of a kind this class cannot evaluate exactly. When <paramref name="reference"/> is given, the
    /// evaluator is checked against it on vectors built from the model's own thresholds (values on both
    /// sides of every split, zeros and NaNs) and rejected on any difference above 1e-6.
    /// </summary>
    public static TreeEnsembleScorer? TryCreate(ITransformer model, int featureCount, Func<float[], float>? reference, out string reason)
    {
        try
        {
            var scorer = Read(model, featureCount, out reason);
            if (scorer is null || reference is null) return scorer;
            foreach (var x in scorer.CheckVectors(256, seed: 17))
            {
                float expected = reference(x), actual = scorer.Score(x);
                if (!(Math.Abs(expected - actual) <= 1e-6f))
                {
                    reason = $"self-check failed: ML.NET gives {expected}, the evaluator {actual}";
                    return null;
                }
            }
            return scorer;
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or MemberAccessException or TargetException or ArgumentException or IndexOutOfRangeException)
        {
            reason = $"cannot read the model: {e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    private static TreeEnsembleScorer? Read(ITransformer model, int featureCount, out string reason)
    {
        // A LightGbm or FastTree binary classifier is a prediction transformer whose model is a tree ensemble
        // wrapped with a Platt calibrator; a chain must hold only that one transformer (input transforms would be skipped).
        ITransformer last = model;
        if (model is IEnumerable<ITransformer> chain)
        {
            var parts = chain.ToList();
            if (parts.Count != 1) { reason = $"a chain of {parts.Count} transformers"; return null; }
            last = parts[0];
        }
        object? parameters = last.GetType().GetProperty("Model")?.GetValue(last);
        if (parameters is null) { reason = $"{last.GetType().Name} has no model parameters"; return null; }
        object? sub = FindProperty(parameters, "SubModel");
        object? calibrator = FindProperty(parameters, "Calibrator");
        if (sub is not TreeEnsembleModelParametersBasedOnRegressionTree trees) { reason = $"sub-model {sub?.GetType().Name ?? "none"} is not a regression tree ensemble"; return null; }
        if (calibrator is not PlattCalibrator platt) { reason = $"calibrator {calibrator?.GetType().Name ?? "none"} is not Platt"; return null; }
        var ensemble = trees.TrainedTreeEnsemble;
        if (ensemble.Bias != 0) { reason = "the ensemble has a bias"; return null; }
        if (ensemble.TreeWeights.Any(w => w != 1)) { reason = "tree weights other than 1"; return null; }

        var nodes = new List<Node>();
        var leaves = new List<double>();
        var roots = new int[ensemble.Trees.Count];
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            leaves.AddRange(tree.LeafValues);
            if (tree.NumberOfNodes == 0 || tree.NumberOfLeaves <= 1)
            {
                // ML.NET returns the first leaf of a tree without splits.
                roots[t] = ~leafBase;
                continue;
            }
            if (tree.CategoricalSplitFlags.Any(c => c)) { reason = "categorical splits"; return null; }
            float[]? missing = DefaultValuesForMissing(tree);
            if (missing is not null && missing.Length != tree.NumberOfNodes) { reason = "unexpected missing-value table"; return null; }
            roots[t] = nodeBase;
            for (int node = 0; node < tree.NumberOfNodes; node++)
            {
                int f = tree.NumericalSplitFeatureIndexes[node];
                float thr = tree.NumericalSplitThresholds[node];
                if (f < 0 || f >= featureCount) { reason = $"split on feature {f} outside 0..{featureCount - 1}"; return null; }
                // NaN: replaced by the node's default when the tree has defaults, compared as is (so: right) otherwise.
                bool nanLeft = missing is not null && missing[node] <= thr;
                nodes.Add(new Node(nanLeft ? f + featureCount : f, thr, Child(tree.LeftChild[node]), Child(tree.RightChild[node])));
            }

            int Child(int c) => c >= 0 ? nodeBase + c : ~(leafBase + ~c);
        }
        reason = "";
        return new TreeEnsembleScorer(featureCount, nodes.ToArray(), roots, leaves.ToArray(), platt.Slope, platt.Offset, null);
    }

    /// <summary>
    /// The same model for vectors whose features <paramref name="features"/> always hold
    /// <paramref name="values"/> (e.g. the page-level features, constant on one page): splits on them are
    /// decided once, here, so the trees get shallower. Scores of such vectors are unchanged, bit for bit.
    /// </summary>
    public TreeEnsembleScorer Specialize(ReadOnlySpan<int> features, ReadOnlySpan<float> values)
    {
        var fixedValues = new float?[FeatureCount];
        for (int k = 0; k < features.Length; k++) fixedValues[features[k]] = values[k];
        return new TreeEnsembleScorer(FeatureCount, _sourceNodes, _sourceRoot, _leafValue, _slope, _offset, fixedValues);
    }

    private (Node[] Nodes, double[] Value, int[] Root, int[] Steps) Compile(float?[]? fixedValues)
    {
        int n = FeatureCount;
        // Per-thread scratch lists: specialising for a small page must not allocate a large object each time.
        var nodes = _scratchNodes ??= new List<Node>();
        var value = _scratchValues ??= new List<double>();
        nodes.Clear();
        value.Clear();
        var roots = new int[_sourceRoot.Length];
        var steps = new int[_sourceRoot.Length];
        for (int t = 0; t < roots.Length; t++) (roots[t], steps[t]) = Emit(_sourceRoot[t]);
        return (nodes.ToArray(), value.ToArray(), roots, steps);

        // Copies the subtree at src (a node, or ~leaf), deciding splits on fixed features; returns its index and depth.
        (int Index, int Depth) Emit(int src)
        {
            while (src >= 0 && fixedValues?[_sourceNodes[src].Input % n] is float v)
            {
                var nd = _sourceNodes[src];
                if (nd.Input >= n && float.IsNaN(v)) v = float.NegativeInfinity;
                src = v <= nd.Threshold ? nd.Left : nd.Right;
            }
            int index = nodes.Count;
            if (src < 0)
            {
                nodes.Add(new Node(0, 0, index, index));
                value.Add(_leafValue[~src]);
                return (index, 0);
            }
            nodes.Add(default);
            value.Add(0);
            var source = _sourceNodes[src];
            var (left, dl) = Emit(source.Left);
            var (right, dr) = Emit(source.Right);
            nodes[index] = source with { Left = left, Right = right };
            return (index, 1 + Math.Max(dl, dr));
        }
    }

    private static object? FindProperty(object o, string name)
    {
        for (var t = o.GetType(); t is not null; t = t.BaseType)
        {
            var p = t.GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            if (p is not null) return p.GetValue(o);
        }
        return null;
    }

    /// <summary>ML.NET's per-node replacement for NaN (internal: <c>InternalRegressionTree.DefaultValueForMissing</c>), or null when it has none.</summary>
    private static float[]? DefaultValuesForMissing(RegressionTree tree)
    {
        for (var t = tree.GetType(); t is not null; t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (field.FieldType.Name == "InternalRegressionTree")
                {
                    object inner = field.GetValue(tree) ?? throw new ArgumentException("the tree has no inner tree");
                    var missing = inner.GetType().GetField("DefaultValueForMissing", BindingFlags.Public | BindingFlags.Instance)
                        ?? throw new ArgumentException("InternalRegressionTree.DefaultValueForMissing not found");
                    return (float[]?)missing.GetValue(inner);
                }
        throw new ArgumentException("the public tree does not wrap an InternalRegressionTree");
    }

    /// <summary>The calibrated probability for one feature vector. Thread-safe.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length < FeatureCount) throw new ArgumentException($"expected {FeatureCount} features, got {features.Length}", nameof(features));
        float p = 0;
        Score(features[..FeatureCount], 1, new Span<float>(ref p));
        return p;
    }

    /// <summary>Scores <paramref name="count"/> vectors stored one after another in <paramref name="rows"/>. Thread-safe.</summary>
    public void Score(ReadOnlySpan<float> rows, int count, Span<float> probabilities)
    {
        int n = FeatureCount, width = 2 * n;
        if (rows.Length < count * n || probabilities.Length < count) throw new ArgumentException("rows or probabilities are too short");
        int block = Math.Min(Block, count);
        // The evaluation buffer of a row: the vector as is (NaN <= t is false: right), then with NaN read as -inf (left).
        Span<float> buffer = block * width <= 4096 ? stackalloc float[block * width] : new float[block * width];
        Span<double> sums = block <= 512 ? stackalloc double[block] : new double[block];
        for (int start = 0; start < count; start += block)
        {
            int m = Math.Min(block, count - start);
            for (int r = 0; r < m; r++)
            {
                var x = rows.Slice((start + r) * n, n);
                var b = buffer.Slice(r * width, width);
                for (int i = 0; i < n; i++)
                {
                    float v = x[i];
                    b[i] = v;
                    b[n + i] = float.IsNaN(v) ? float.NegativeInfinity : v;
                }
            }
            Raw(buffer, width, sums[..m]);
            for (int r = 0; r < m; r++)
            {
                // As ML.NET: the float score, then Platt's sigmoid in double, cast to float.
                float score = (float)sums[r];
                probabilities[start + r] = (float)(1.0 / (1.0 + Math.Exp(_slope * score + _offset)));
            }
        }
    }

    /// <summary>
    /// Sums, per row, one leaf per tree in tree order (as ML.NET does, in double). Four rows walk a tree in
    /// lockstep for the tree's full depth (a leaf steps to itself), so the walks overlap in the CPU and no
    /// branch depends on the data.
    /// </summary>
    private void Raw(ReadOnlySpan<float> buffer, int width, Span<double> sums)
    {
        sums.Clear();
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref float b = ref MemoryMarshal.GetReference(buffer);
        double[] value = _nodeValue;
        int[] roots = _root, stepsOf = _steps;
        int m = sums.Length;
        for (int t = 0; t < roots.Length; t++)
        {
            int root = roots[t], steps = stepsOf[t];
            if (steps == 0)
            {
                double v = value[root];
                for (int r = 0; r < m; r++) sums[r] += v;
                continue;
            }
            int row = 0;
            for (; row + 8 <= m; row += 8)
            {
                int o0 = row * width, o1 = o0 + width, o2 = o1 + width, o3 = o2 + width;
                int o4 = o3 + width, o5 = o4 + width, o6 = o5 + width, o7 = o6 + width;
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (int s = 0; s < steps; s++)
                {
                    n0 = Step(ref nodes, n0, ref b, o0);
                    n1 = Step(ref nodes, n1, ref b, o1);
                    n2 = Step(ref nodes, n2, ref b, o2);
                    n3 = Step(ref nodes, n3, ref b, o3);
                    n4 = Step(ref nodes, n4, ref b, o4);
                    n5 = Step(ref nodes, n5, ref b, o5);
                    n6 = Step(ref nodes, n6, ref b, o6);
                    n7 = Step(ref nodes, n7, ref b, o7);
                }
                sums[row] += value[n0];
                sums[row + 1] += value[n1];
                sums[row + 2] += value[n2];
                sums[row + 3] += value[n3];
                sums[row + 4] += value[n4];
                sums[row + 5] += value[n5];
                sums[row + 6] += value[n6];
                sums[row + 7] += value[n7];
            }
            // The last rows alone: they stop at their leaf (it steps to itself).
            for (; row < m; row++)
            {
                int node = root, o = row * width;
                for (int next; (next = Step(ref nodes, node, ref b, o)) != node;) node = next;
                sums[row] += value[node];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, int node, ref float buffer, int offset)
    {
        ref Node nd = ref Unsafe.Add(ref nodes, node);
        int right = Unsafe.Add(ref buffer, offset + nd.Input) <= nd.Threshold ? 0 : 1;
        return Unsafe.Add(ref Unsafe.As<Node, int>(ref nd), 2 + right);
    }

    /// <summary>
    /// Deterministic vectors that exercise every split: each feature takes, at random, a value just below or
    /// above one of the thresholds used on it, 0, or NaN.
    /// </summary>
    public IEnumerable<float[]> CheckVectors(int count, int seed)
    {
        var byFeature = new List<float>[FeatureCount];
        for (int f = 0; f < FeatureCount; f++) byFeature[f] = [0f];
        foreach (var node in _sourceNodes) byFeature[node.Input % FeatureCount].Add(node.Threshold);
        var rng = new Random(seed);
        for (int k = 0; k < count; k++)
        {
            var x = new float[FeatureCount];
            for (int f = 0; f < FeatureCount; f++)
            {
                double u = rng.NextDouble();
                float t = byFeature[f][rng.Next(byFeature[f].Count)];
                x[f] = u < 0.15 ? float.NaN : u < 0.2 ? 0f : u < 0.6 ? t : u < 0.8 ? MathF.BitIncrement(t) : MathF.BitDecrement(t);
            }
            yield return x;
        }
    }
}
