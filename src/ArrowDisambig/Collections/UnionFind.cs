namespace ArrowDisambig.Collections;

/// <summary>Disjoint sets with path halving and union by size.</summary>
public sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly int[] _size;

    /// <summary>Creates <paramref name="n"/> singleton sets.</summary>
    public UnionFind(int n)
    {
        _parent = new int[n];
        _size = new int[n];
        for (int i = 0; i < n; i++) { _parent[i] = i; _size[i] = 1; }
    }

    /// <summary>The representative of <paramref name="x"/>'s set.</summary>
    public int Find(int x)
    {
        while (_parent[x] != x) { _parent[x] = _parent[_parent[x]]; x = _parent[x]; }
        return x;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; false when already joined.</summary>
    public bool Union(int a, int b)
    {
        a = Find(a); b = Find(b);
        if (a == b) return false;
        if (_size[a] < _size[b]) (a, b) = (b, a);
        _parent[b] = a;
        _size[a] += _size[b];
        return true;
    }
}
