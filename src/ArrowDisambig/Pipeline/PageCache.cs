using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Clustering;
using ArrowDisambig.Export;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Pipeline;

/// <summary>What the expensive stages (features, scoring, clustering) produced for one page.</summary>
public sealed record CachedClustering(int[] Labels, double[] Confidence, Affinity[] Affinities, long ScoredPairs);

/// <summary>
/// Makes runs resumable and reruns cheap: after each page is clustered its result is stored under a key
/// made of the page's parsed content, the scorer and model fingerprint, the clustering stage and the
/// page's reviewer constraints. A rerun after an interruption (Ctrl-C, kill) finds the pages already done
/// and skips their features, scoring and clustering; since every stage is deterministic, the final outputs
/// are the same as an uninterrupted run's. Entries are written atomically; a successful run prunes entries
/// it did not use, so the cache holds one run's pages.
/// </summary>
public sealed class PageCache(string folder, string salt)
{
    /// <summary>The cache folder (inside the output folder).</summary>
    public string Folder { get; } = folder;

    /// <summary>The key of a page under the given constraints.</summary>
    public string Key(ClusterPage page, Constraints constraints)
    {
        var sb = new StringBuilder();
        sb.Append(salt).Append('\u0001').Append(page.Source).Append('\u0001').Append(page.ClusterName).Append('\u0001');
        foreach (var p in page.Papers)
        {
            sb.Append(p.Index).Append('\u0002').Append(p.Venue).Append('\u0002').Append(p.Kind).Append('\u0002').Append(p.Year)
              .Append('\u0002').Append(p.PublicationType).Append('\u0002').Append(p.Title).Append('\u0002').Append(p.Abstract);
            foreach (var a in p.Authors) sb.Append('\u0003').Append(a);
            sb.Append('\u0001');
        }
        foreach (var (a, b) in constraints.MustLink.Order()) sb.Append("m").Append(a).Append(',').Append(b).Append(';');
        foreach (var (a, b) in constraints.CannotLink.Order()) sb.Append("c").Append(a).Append(',').Append(b).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    /// <summary>The stored result for <paramref name="key"/>, or null (missing or unreadable entries are misses).</summary>
    public CachedClustering? TryLoad(string key, int paperCount)
    {
        string path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.ReadString() != "ADCACHE1") return null;
            int n = r.ReadInt32();
            if (n != paperCount) return null;
            var labels = new int[n];
            var confidence = new double[n];
            for (int i = 0; i < n; i++) { labels[i] = r.ReadInt32(); confidence[i] = r.ReadDouble(); }
            long pairs = r.ReadInt64();
            int m = r.ReadInt32();
            var affinities = new Affinity[m];
            for (int i = 0; i < m; i++) affinities[i] = new Affinity(r.ReadInt32(), r.ReadInt32(), r.ReadSingle());
            return new CachedClustering(labels, confidence, affinities, pairs);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores a page's result atomically.</summary>
    public void Store(string key, PageResult result) =>
        OutputFiles.Atomic(PathOf(key), stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write("ADCACHE1");
            int n = result.Assignment.Labels.Count;
            w.Write(n);
            for (int i = 0; i < n; i++) { w.Write(result.Assignment.Labels[i]); w.Write(result.Assignment.Confidence[i]); }
            w.Write(result.ScoredPairs);
            w.Write(result.Affinities.Count);
            foreach (var a in result.Affinities) { w.Write(a.A); w.Write(a.B); w.Write(a.P); }
        }, durable: false);

    /// <summary>Deletes entries not in <paramref name="used"/>.</summary>
    public void Prune(IReadOnlySet<string> used)
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var f in Directory.EnumerateFiles(Folder, "*.bin"))
            if (!used.Contains(Path.GetFileNameWithoutExtension(f))) File.Delete(f);
    }

    private string PathOf(string key) => Path.Combine(Folder, key + ".bin");
}
