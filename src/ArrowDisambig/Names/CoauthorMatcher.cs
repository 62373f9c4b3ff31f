using ArrowDisambig.Collections;
namespace ArrowDisambig.Names;

/// <summary>
/// Decides which printed co-author names are variants of one person's name, for merging co-author vertices:
/// <c>Russ Salakhutdinov</c> ~ <c>Ruslan Salakhutdinov</c>, <c>Grosse, Roger</c> ~ <c>Roger B. Grosse</c>,
/// <c>Sinha AD</c> ~ <c>A. D. Sinha</c>, <c>Xuechen Li 0005</c> ~ <c>Chen Xuechen Li</c>.
/// </summary>
/// <remarks>
/// Built on <see cref="NameCompatibility"/>, with one extra demand: both names need a given name, because a
/// bare surname says too little to merge vertices. A DBLP number on one side only is no clash; two different
/// numbers are. <c>Chen Xuechen Li</c> ~ <c>Xuechen Li</c> through the trailing-run rule: the words of the
/// shorter name (given + surname, no middle names) are the last words of the longer one.
/// </remarks>
public static class CoauthorMatcher
{
    /// <summary>True when two parsed names can be variants of the same co-author's name.</summary>
    public static bool SameCoauthor(PersonName a, PersonName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return IsUsable(a) && IsUsable(b) && NameCompatibility.AreCompatible(a, b);
    }

    /// <summary>Parses both printed names and applies <see cref="SameCoauthor(PersonName, PersonName)"/>.</summary>
    public static bool SameCoauthor(string? a, string? b) => SameCoauthor(NameParser.Parse(a), NameParser.Parse(b));

    /// <summary>
    /// Groups names into variant groups of one person. Returns, for each input position, a group id; ids are
    /// dense (0, 1, 2…) in order of first appearance.
    /// </summary>
    /// <remarks>
    /// <para>Identical variants (same parts) always share a group. Distinct variants are compared only within
    /// buckets: same surname key (or last middle word + surname, for compound surnames split by the parser);
    /// same 3-letter surname prefix for long surnames (spelling variants); and a
    /// name's given name against other names' surnames (swapped East Asian order).</para>
    /// <para>A variant compatible with two variants that are incompatible with each other (<c>J. Smith</c> with
    /// <c>John Smith</c> and <c>Jane Smith</c>; <c>Xuechen Li</c> with <c>… 0002</c> and <c>… 0005</c>) is
    /// ambiguous and is merged with nothing. Edges between unambiguous variants are then unioned; since every
    /// unambiguous variant's neighbours are pairwise compatible, each resulting group is a clique: no chaining
    /// of two people through a shared vague name.</para>
    /// </remarks>
    /// <param name="names">Parsed co-author names, e.g. all co-authors on one page.</param>
    public static IReadOnlyList<int> CanonicalIds(IReadOnlyList<PersonName> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        int n = names.Count;
        var variantOf = new int[n];
        var variants = new List<PersonName>();
        var byKey = new Dictionary<VariantKey, int>();
        for (int i = 0; i < n; i++)
        {
            var name = names[i];
            if (name is null || !IsUsable(name))
            {
                variantOf[i] = -1;
                continue;
            }
            var key = VariantKey.Of(name);
            if (!byKey.TryGetValue(key, out int v))
            {
                v = variants.Count;
                byKey[key] = v;
                variants.Add(name);
            }
            variantOf[i] = v;
        }

        var neighbours = FindCompatiblePairs(variants);
        var ambiguous = FindAmbiguous(variants, neighbours);

        var sets = new UnionFind(variants.Count);
        for (int v = 0; v < variants.Count; v++)
        {
            if (ambiguous[v] || neighbours[v] is null) continue;
            foreach (int w in neighbours[v]!)
                if (!ambiguous[w]) sets.Union(v, w);
        }

        var ids = new int[n];
        var denseByRoot = new Dictionary<int, int>();
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            if (variantOf[i] < 0)
            {
                ids[i] = next++;
                continue;
            }
            int root = sets.Find(variantOf[i]);
            if (!denseByRoot.TryGetValue(root, out int id)) denseByRoot[root] = id = next++;
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>Parses the printed names and groups them; see <see cref="CanonicalIds(IReadOnlyList{PersonName})"/>.</summary>
    public static IReadOnlyList<int> CanonicalIds(IReadOnlyList<string> printed)
    {
        ArgumentNullException.ThrowIfNull(printed);
        var names = new PersonName[printed.Count];
        for (int i = 0; i < names.Length; i++) names[i] = NameParser.Parse(printed[i]);
        return CanonicalIds(names);
    }

    private static bool IsUsable(PersonName name) => name.Given.Length > 0 && !name.IsEmpty;

    private static HashSet<int>?[] FindCompatiblePairs(List<PersonName> variants)
    {
        var buckets = new Dictionary<(BucketKind Kind, string Key), Bucket>();
        Bucket BucketFor(BucketKind kind, string key)
        {
            if (!buckets.TryGetValue((kind, key), out var bucket)) buckets[(kind, key)] = bucket = new Bucket(kind);
            return bucket;
        }

        for (int v = 0; v < variants.Count; v++)
        {
            var name = variants[v];
            BucketFor(BucketKind.Surname, name.SurnameKey).BySurname.Add(v);
            if (name.Given.Length > 1 && name.Middle.Count == 0 && name.Given != name.SurnameKey)
                BucketFor(BucketKind.Surname, name.Given).ByGiven.Add(v);
            // "Marco De Santis" must meet "Marco de Santis": last middle word + surname as a compound surname.
            if (name.Middle.Count > 0 && name.Middle[^1].Length > 1)
                BucketFor(BucketKind.Surname, name.Middle[^1] + name.SurnameKey).BySurname.Add(v);
            if (name.SurnameKey.Length >= NameCompatibility.MinFuzzySurnameLength)
                BucketFor(BucketKind.SurnamePrefix, name.SurnameKey[..NameCompatibility.FuzzySurnamePrefixLength]).BySurname.Add(v);
        }

        // Every compatible pair shares at least one bucket (each rule of NameCompatibility has its bucket), so the
        // edges found here are all the compatible pairs; the no-chaining argument in CanonicalIds relies on it.
        var neighbours = new HashSet<int>?[variants.Count];
        void TryLink(int v, int w, BucketKind kind)
        {
            // Equal surnames were already compared in their exact bucket.
            if (kind == BucketKind.SurnamePrefix && variants[v].SurnameKey == variants[w].SurnameKey) return;
            if (v == w || neighbours[v]?.Contains(w) == true) return;
            if (!SameCoauthor(variants[v], variants[w])) return;
            (neighbours[v] ??= []).Add(w);
            (neighbours[w] ??= []).Add(v);
        }

        foreach (var bucket in buckets.Values)
        {
            var direct = bucket.BySurname;
            for (int i = 0; i < direct.Count; i++)
            {
                for (int j = i + 1; j < direct.Count; j++) TryLink(direct[i], direct[j], bucket.Kind);
                // A name's given name against others' surnames: the swapped-order pairs.
                foreach (int w in bucket.ByGiven) TryLink(direct[i], w, bucket.Kind);
            }
        }
        return neighbours;
    }

    private static bool[] FindAmbiguous(List<PersonName> variants, HashSet<int>?[] neighbours)
    {
        var ambiguous = new bool[variants.Count];
        var list = new List<int>();
        for (int v = 0; v < variants.Count; v++)
        {
            var set = neighbours[v];
            if (set is null || set.Count < 2) continue;
            list.Clear();
            list.AddRange(set);
            for (int i = 0; i < list.Count && !ambiguous[v]; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    int p = list[i], q = list[j];
                    // Neighbours from different buckets may never have been compared, so ask directly.
                    if (neighbours[p]?.Contains(q) == true || SameCoauthor(variants[p], variants[q])) continue;
                    ambiguous[v] = true;
                    break;
                }
            }
        }
        return ambiguous;
    }

    private enum BucketKind : byte { Surname, SurnamePrefix }

    /// <summary>Variants sharing a blocking key: by their surname, or by their given name (swapped order).</summary>
    private sealed class Bucket(BucketKind kind)
    {
        public BucketKind Kind { get; } = kind;
        public List<int> BySurname { get; } = [];
        public List<int> ByGiven { get; } = [];
    }

    /// <summary>The parts that make two parsed names the same variant, whatever their printed form.</summary>
    private readonly record struct VariantKey(string Given, string Middle, string Surname, string Suffix, int? Dblp)
    {
        public static VariantKey Of(PersonName name) => new(
            name.Given,
            name.Middle.Count == 0 ? string.Empty : string.Join(' ', name.Middle),
            name.SurnameKey,
            name.Suffix,
            name.DblpNumber);
    }
}
