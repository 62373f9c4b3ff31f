using ArrowDisambig.Collections;
using ArrowDisambig.Clustering;
using ArrowDisambig.Parsing;

namespace ArrowDisambig.Review;

/// <summary>
/// Turns the reviewer decisions about one page into must-link / cannot-link constraints for the clustering
/// stage. Decisions name papers by key and people by identity id; an identity id means the papers it held
/// when the decision was first applied (the ledger, else the previous run's output), so a decision keeps its
/// meaning on reordered and grown pages.
/// </summary>
/// <remarks>
/// Rows apply in file order. An identity id stands for the papers it held when the decision was first applied,
/// less the papers that a <c>move</c> or <c>separate</c> names by key: those rows say where such a paper
/// belongs, so an identity-level row no longer speaks for it (a confirm keeps separated papers, see below).
/// A later <c>move</c> of a paper overrides what earlier rows said about it. A <c>confirm</c> lock grows with
/// merges and moves into the locked identity, earlier or later. Anything else that cannot hold together (a
/// merge and a separate of the same papers, a separate inside a confirmed identity) is a contradiction and is
/// reported with the lines involved, never guessed.
/// </remarks>
public static class DecisionPlanner
{
    /// <summary>Plans one page.</summary>
    /// <param name="page">The page as parsed on this run.</param>
    /// <param name="decisions">All decisions, in file order; those about other pages are ignored.</param>
    /// <param name="previous">The previous run's output, when there is one.</param>
    /// <param name="ledger">What decisions meant when first applied.</param>
    public static PagePlan Plan(ClusterPage page, IReadOnlyList<Decision> decisions, PreviousOutput? previous, DecisionLedger ledger)
    {
        var relevant = decisions.Where(d => d.AppliesTo(page)).ToList();
        if (relevant.Count == 0) return PagePlan.None;

        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int p = 0; p < page.Papers.Count; p++)
        {
            string key = PaperKey.Of(page.Papers[p]);
            if (!byKey.TryGetValue(key, out var l)) byKey[key] = l = new();
            l.Add(p);
        }
        // Papers whose place a row names by key: an identity id elsewhere no longer speaks for them.
        var moved = new HashSet<int>();
        var separated = new HashSet<int>();
        foreach (var d in relevant)
            foreach (var k in d.PaperKeys)
                if (byKey.TryGetValue(k, out var idx))
                {
                    if (d.Action == DecisionAction.Move) moved.UnionWith(idx);
                    else if (d.Action == DecisionAction.Separate) separated.UnionWith(idx);
                }
        var ctx = new Resolver(page, byKey, previous, ledger, moved, moved.Union(separated).ToHashSet());
        var replay = new Replay(page.Papers.Count, page.Source);
        var linesByPaper = new Dictionary<int, SortedSet<int>>();

        foreach (var d in relevant)
        {
            var step = ctx.Resolve(d);
            foreach (int p in step.AllPapers())
            {
                if (!linesByPaper.TryGetValue(p, out var set)) linesByPaper[p] = set = new();
                set.Add(d.Line);
            }
            replay.Apply(d, step, ctx.Warnings);
        }

        var plan = replay.Finish(page);
        return plan with
        {
            Warnings = ctx.Warnings,
            Resolved = ctx.Resolved,
            Lines = relevant.Select(d => d.Line).ToList(),
            LinesByPaper = linesByPaper.ToDictionary(x => x.Key, x => (IReadOnlyList<int>)x.Value.ToList()),
        };
    }

    /// <summary>A decision with its identities and paper keys turned into paper indexes of this page.</summary>
    private sealed record Step(List<HashSet<int>> Items, HashSet<int> Moved, HashSet<int>? Target)
    {
        public IEnumerable<int> AllPapers() => Items.SelectMany(i => i).Concat(Moved).Concat(Target ?? []).Distinct();
    }

    /// <summary>
    /// Finds the papers each decision names on the page, recording first meanings and warnings. <c>moved</c>:
    /// papers some move names by key; <c>placed</c>: papers some move or separate names by key.
    /// </summary>
    private sealed class Resolver(ClusterPage page, Dictionary<string, List<int>> byKey, PreviousOutput? previous, DecisionLedger ledger,
        HashSet<int> moved, HashSet<int> placed)
    {
        public List<string> Warnings { get; } = new();
        public List<LedgerEntry> Resolved { get; } = new();

        public Step Resolve(Decision d)
        {
            // A confirm locks what the reviewer saw, less papers moved away; a separate inside it is a contradiction.
            var exclude = d.Action == DecisionAction.Confirm ? moved : placed;
            var items = new List<HashSet<int>>();
            HashSet<int>? target = null;
            var movedHere = new HashSet<int>();
            if (d.Action == DecisionAction.Move)
            {
                movedHere = Keys(d, d.PaperKeys);
                target = d.ToNewPerson ? Others(d, movedHere) : Identity(d, d.IdentityIds[0], exclude);
            }
            else
            {
                items.AddRange(d.IdentityIds.Select(id => Identity(d, id, exclude)));
                items.AddRange(d.PaperKeys.Select(k => Keys(d, [k])));
            }
            return new Step(items, movedHere, target);
        }

        /// <summary>The papers of an identity as the decision meant it, less the papers in <paramref name="exclude"/>.</summary>
        private HashSet<int> Identity(Decision d, string id, HashSet<int> exclude)
        {
            var keys = ledger.PapersOf(d.Fingerprint, id);
            if (keys is null)
            {
                keys = previous?.PapersOf(id, d) ?? [];
                if (keys.Count > 0) Resolved.Add(new LedgerEntry(d.Fingerprint, d.Line, id, keys));
            }
            if (keys.Count == 0)
            {
                Warnings.Add($"{page.Source}: decisions {d.Describe()}: identity {id} is unknown " +
                             (previous is null ? "(there is no previous output to look it up in; give --previous)" : $"(not in {Path.Combine(previous.Folder, "assignments.csv")})") +
                             "; the decision is applied without it");
                return new();
            }
            var set = keys.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).ToHashSet();
            if (set.Count == 0)
                Warnings.Add($"{page.Source}: decisions {d.Describe()}: none of the papers of identity {id} is on the page any more");
            set.ExceptWith(exclude);
            return set;
        }

        private HashSet<int> Keys(Decision d, IEnumerable<string> keys)
        {
            var set = new HashSet<int>();
            foreach (var k in keys)
            {
                if (byKey.TryGetValue(k, out var idx)) set.UnionWith(idx);
                else Warnings.Add($"{page.Source}: decisions {d.Describe()}: paper {k} is not on the page; the decision is applied without it");
            }
            return set;
        }

        /// <summary>For a move to a new person: the page's other papers when the decision was first applied.</summary>
        private HashSet<int> Others(Decision d, HashSet<int> movedHere)
        {
            var keys = ledger.PapersOf(d.Fingerprint, DecisionLedger.OtherPapers);
            if (keys is null)
            {
                var movedKeys = d.PaperKeys.ToHashSet(StringComparer.Ordinal);
                var known = previous?.PagePapers(d) is { Count: > 0 } prev ? prev : byKey.Keys.ToList();
                keys = known.Where(k => !movedKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
                Resolved.Add(new LedgerEntry(d.Fingerprint, d.Line, DecisionLedger.OtherPapers, keys));
            }
            var set = keys.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).ToHashSet();
            set.ExceptWith(movedHere);
            return set;
        }
    }

    /// <summary>Applies decisions in file order to paper sets, then derives the constraint pairs.</summary>
    private sealed class Replay(int n, string source)
    {
        private sealed record Op(int Line, DecisionAction Action, bool Together, List<HashSet<int>> Sets);
        private sealed record Lock(int Line, HashSet<int> Members);

        private readonly List<Op> _ops = new();
        private readonly List<Lock> _locks = new();

        public void Apply(Decision d, Step step, List<string> warnings)
        {
            switch (d.Action)
            {
                case DecisionAction.Confirm:
                {
                    var members = new HashSet<int>(step.Items[0]);
                    // Made after earlier rows: the identity the reviewer confirmed already had their effect.
                    bool grew = true;
                    while (grew)
                    {
                        grew = false;
                        foreach (var op in _ops.Where(o => o.Together))
                            if (op.Sets[0].Overlaps(members) && !op.Sets[0].IsSubsetOf(members)) { members.UnionWith(op.Sets[0]); grew = true; }
                    }
                    if (members.Count == 0) { warnings.Add($"{source}: decisions {d.Describe()}: nothing to confirm on this page"); return; }
                    _locks.Add(new Lock(d.Line, members));
                    break;
                }
                case DecisionAction.Merge:
                {
                    var union = step.Items.SelectMany(s => s).ToHashSet();
                    if (step.Items.Count(s => s.Count > 0) < 2) warnings.Add($"{source}: decisions {d.Describe()}: fewer than two of the identities or papers it names are on the page; nothing to merge");
                    _ops.Add(new Op(d.Line, d.Action, true, [union]));
                    foreach (var l in _locks.Where(l => l.Members.Overlaps(union))) l.Members.UnionWith(union);
                    break;
                }
                case DecisionAction.Separate:
                {
                    var sets = step.Items.Where(s => s.Count > 0).ToList();
                    if (sets.Count < 2) warnings.Add($"{source}: decisions {d.Describe()}: fewer than two of the identities or papers it names are on the page; nothing to separate");
                    _ops.Add(new Op(d.Line, d.Action, false, sets));
                    break;
                }
                case DecisionAction.Move:
                {
                    var moved = step.Moved;
                    if (moved.Count == 0) return;
                    // A later move of a paper overrides what earlier rows said about it.
                    foreach (var op in _ops) foreach (var s in op.Sets) s.ExceptWith(moved);
                    foreach (var l in _locks) l.Members.ExceptWith(moved);
                    var target = step.Target!;
                    if (d.ToNewPerson)
                    {
                        _ops.Add(new Op(d.Line, d.Action, true, [new HashSet<int>(moved)]));
                        _ops.Add(new Op(d.Line, d.Action, false, [new HashSet<int>(moved), new HashSet<int>(target)]));
                    }
                    else if (target.Count == 0)
                        warnings.Add($"{source}: decisions {d.Describe()}: the identity to move to has no papers on the page; the move is not applied");
                    else
                    {
                        _ops.Add(new Op(d.Line, d.Action, true, [moved.Union(target).ToHashSet()]));
                        foreach (var l in _locks.Where(l => l.Members.Overlaps(target))) l.Members.UnionWith(moved);
                    }
                    break;
                }
            }
        }

        public PagePlan Finish(ClusterPage page)
        {
            // Must-links: a chain through each set, so the union-find below sees each set as one component.
            var must = new List<DecisionPair>();
            foreach (var op in _ops.Where(o => o.Together)) Chain(op.Sets[0], op.Line);
            foreach (var l in _locks) Chain(l.Members, l.Line);
            var uf = new UnionFind(n);
            foreach (var p in must) uf.Union(p.A, p.B);

            // Cannot-links between components: one pair per pair of components is enough for the clustering,
            // which keeps a lock's "nothing else joins" linear in the page size.
            var cannot = new Dictionary<(int, int), DecisionPair>();
            var conflicts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var op in _ops.Where(o => !o.Together))
                for (int i = 0; i < op.Sets.Count; i++)
                    for (int j = i + 1; j < op.Sets.Count; j++)
                        Apart(op.Sets[i], op.Sets[j], op.Line, op.Action);
            foreach (var l in _locks)
                Apart(l.Members, Enumerable.Range(0, n).Where(p => !l.Members.Contains(p)).ToHashSet(), l.Line, DecisionAction.Confirm);

            return new PagePlan
            {
                MustLink = must,
                CannotLink = cannot.Values.OrderBy(p => p.A).ThenBy(p => p.B).ToList(),
                Locks = _locks.Where(l => l.Members.Count > 0).Select(l => new PageLock(l.Line, l.Members.Order().ToList())).ToList(),
                Conflicts = conflicts.Values.ToList(),
            };

            void Chain(HashSet<int> set, int line)
            {
                var ordered = set.Order().ToList();
                for (int k = 1; k < ordered.Count; k++) must.Add(new DecisionPair(ordered[0], ordered[k], line));
            }

            void Apart(HashSet<int> x, HashSet<int> y, int line, DecisionAction action)
            {
                var rootsX = x.GroupBy(uf.Find).ToDictionary(g => g.Key, g => g.Min());
                var rootsY = y.GroupBy(uf.Find).ToDictionary(g => g.Key, g => g.Min());
                foreach (var (rx, a) in rootsX)
                    foreach (var (ry, b) in rootsY)
                    {
                        if (rx == ry)
                        {
                            var lines = MustPath(must, a, b);
                            string key = $"{line}|{string.Join(",", lines)}";
                            conflicts.TryAdd(key,
                                $"{page.Source}: decisions line {line} ({action.ToString().ToLowerInvariant()}) says papers {page.Papers[a].Index} [{PaperKey.Of(page.Papers[a])}] and " +
                                $"{page.Papers[b].Index} [{PaperKey.Of(page.Papers[b])}] are different people, but line(s) {string.Join(", ", lines)} put them together");
                            continue;
                        }
                        var k = (Math.Min(a, b), Math.Max(a, b));
                        cannot.TryAdd(k, new DecisionPair(k.Item1, k.Item2, line));
                    }
            }
        }

        /// <summary>The decision lines on a shortest chain of must-links from <paramref name="a"/> to <paramref name="b"/>.</summary>
        private static List<int> MustPath(List<DecisionPair> must, int a, int b)
        {
            var adj = new Dictionary<int, List<(int To, int Line)>>();
            foreach (var p in must)
            {
                if (!adj.TryGetValue(p.A, out var la)) adj[p.A] = la = new();
                if (!adj.TryGetValue(p.B, out var lb)) adj[p.B] = lb = new();
                la.Add((p.B, p.Line));
                lb.Add((p.A, p.Line));
            }
            var from = new Dictionary<int, (int Prev, int Line)> { [a] = (-1, 0) };
            var queue = new Queue<int>([a]);
            while (queue.Count > 0 && !from.ContainsKey(b))
            {
                int x = queue.Dequeue();
                foreach (var (y, line) in adj.GetValueOrDefault(x) ?? [])
                    if (from.TryAdd(y, (x, line))) queue.Enqueue(y);
            }
            var lines = new SortedSet<int>();
            for (int x = b; from.TryGetValue(x, out var step) && step.Prev >= 0; x = step.Prev) lines.Add(step.Line);
            return lines.ToList();
        }
    }
}
