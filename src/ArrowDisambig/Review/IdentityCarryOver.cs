using System.Security.Cryptography;
using System.Text;
using ArrowDisambig.Clustering;
using ArrowDisambig.Names;
using ArrowDisambig.Parsing;
using ArrowDisambig.Pipeline;

namespace ArrowDisambig.Review;

/// <summary>
/// Keeps identity ids stable across runs. Each previous identity passes its id to the new identity that holds
/// most of its papers (matched by paper key, so reordering does not matter): an identity that keeps most of
/// its papers keeps its id, a merge keeps the id of the larger part, and a split keeps it on the larger part.
/// Everyone else gets the deterministic id of <see cref="PageProcessor.IdentityIds"/>, never one the page
/// used before, so a retired id cannot come back as somebody else.
/// </summary>
public static class IdentityCarryOver
{
    /// <summary>One identity id per paper.</summary>
    /// <param name="page">The page.</param>
    /// <param name="assignment">This run's clustering.</param>
    /// <param name="previous">Paper key → identity id of the same page in the previous run, or null.</param>
    public static IReadOnlyList<string> Assign(ClusterPage page, ClusterAssignment assignment, IReadOnlyDictionary<string, string>? previous)
    {
        var natural = PageProcessor.IdentityIds(page, assignment);
        if (previous is null || previous.Count == 0) return natural;

        int n = page.Papers.Count;
        var keys = page.Papers.Select(PaperKey.Of).ToArray();
        var labels = assignment.Labels;
        var minKey = new Dictionary<int, string>();
        var naturalOf = new Dictionary<int, string>();
        var overlap = new Dictionary<(int Label, string Previous), int>();
        for (int p = 0; p < n; p++)
        {
            int l = labels[p];
            if (!minKey.TryGetValue(l, out var m) || string.CompareOrdinal(keys[p], m) < 0) minKey[l] = keys[p];
            naturalOf[l] = natural[p];
            if (previous.TryGetValue(keys[p], out var prev)) overlap[(l, prev)] = overlap.GetValueOrDefault((l, prev)) + 1;
        }

        // Greedy by overlap: the biggest shares are settled first; ties break on ids and keys, never on page order.
        var idOf = new Dictionary<int, string>();
        var passedOn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((l, prev), _) in overlap.OrderByDescending(x => x.Value)
                     .ThenBy(x => x.Key.Previous, StringComparer.Ordinal).ThenBy(x => minKey[x.Key.Label], StringComparer.Ordinal))
        {
            if (idOf.ContainsKey(l) || passedOn.Contains(prev)) continue;
            idOf[l] = prev;
            passedOn.Add(prev);
        }

        var taken = new HashSet<string>(previous.Values, StringComparer.Ordinal);
        string name = TextFold.Fold(page.ClusterName);
        foreach (int l in minKey.Keys.Where(l => !idOf.ContainsKey(l)).OrderBy(l => minKey[l], StringComparer.Ordinal))
        {
            string id = naturalOf[l];
            for (int salt = 1; taken.Contains(id); salt++) id = "id-" + Hash($"{name}|{minKey[l]}#{salt}");
            taken.Add(id);
            idOf[l] = id;
        }
        return labels.Select(l => idOf[l]).ToList();
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..12];
}
