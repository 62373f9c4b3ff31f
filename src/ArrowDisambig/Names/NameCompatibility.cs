using FuzzySharp;

namespace ArrowDisambig.Names;

/// <summary>How well two names agree, from strongest to none. Ordered: a larger value is a weaker match.</summary>
public enum NameMatch
{
    /// <summary>Same surname and identical given and middle names.</summary>
    Exact = 0,

    /// <summary>Consistent but not identical: initials, nicknames, a truncated given name, a missing middle
    /// name, swapped East Asian order, or a middle name used as the given name.</summary>
    Compatible = 1,

    /// <summary>Consistent only up to a minor spelling variant of a long given name or surname.</summary>
    Fuzzy = 2,

    /// <summary>The names cannot belong to the same person.</summary>
    Incompatible = 3,
}

/// <summary>What DBLP's homonym numbers (<c>Wei Wang 0002</c>) say about two names.</summary>
public enum DblpAgreement
{
    /// <summary>At least one side has no number: DBLP says nothing.</summary>
    Unknown = 0,

    /// <summary>Both carry the same number.</summary>
    Same = 1,

    /// <summary>Both carry numbers and they differ: DBLP labels them different people.</summary>
    Different = 2,
}

/// <summary>The graded outcome of comparing two names, for use as features.</summary>
/// <param name="Match">How well the name parts agree (already <see cref="NameMatch.Incompatible"/> when DBLP numbers or suffixes clash).</param>
/// <param name="Dblp">What DBLP numbers say.</param>
public readonly record struct NameComparison(NameMatch Match, DblpAgreement Dblp)
{
    /// <summary>True unless the names are incompatible.</summary>
    public bool IsCompatible => Match != NameMatch.Incompatible;
}

/// <summary>
/// Pure, symmetric rules deciding whether two parsed names can belong to the same person.
/// </summary>
/// <remarks>
/// Given-name tokens agree when equal; when one is an initial of the other; when they are variants in
/// <see cref="Nicknames"/> (<c>Russ</c>/<c>Ruslan</c>, <c>Chris</c>/<c>Christopher</c>); when the shorter, at
/// least 4 letters, is a prefix of the longer and the longer is at least 2 letters longer (so <c>Jan</c>/<c>Jane</c>
/// and gender pairs like <c>Daniel</c>/<c>Daniela</c> stay apart); or, graded <see cref="NameMatch.Fuzzy"/>,
/// when both have 6+ letters, the same first letter and a FuzzySharp ratio of at least 90.
/// Middle names are compared pairwise where both sides have them; a missing middle name is no evidence.
/// Surnames must be equal after folding; a spelling variant of a surname of 7+ letters (same first 3 letters,
/// ratio ≥ 90) is only
/// accepted, as <see cref="NameMatch.Fuzzy"/>, when both given names are full names that agree without
/// initials, because short or initial-only evidence would merge <c>Johnson</c> and <c>Johnston</c>.
/// Beyond equal surnames, three shapes are accepted as <see cref="NameMatch.Compatible"/>: swapped East Asian
/// order (<c>Li Xuechen</c>/<c>Xuechen Li</c>); a trailing run, where one name without middle names is the last
/// words of the other (<c>Xuechen Li</c>/<c>Chen Xuechen Li</c>); and a compound surname whose first word was
/// parsed as a middle name (<c>Marco De Santis</c>/<c>Marco de Santis</c>). A clash of suffixes (<c>Jr</c>/<c>Sr</c>)
/// or of DBLP numbers makes any pair incompatible; an empty name is compatible with nothing.
/// </remarks>
public static class NameCompatibility
{
    /// <summary>Minimum length of a name that may be a truncated form of a longer one (<c>Mich</c>/<c>Michael</c>).</summary>
    public const int MinPrefixLength = 4;

    /// <summary>Minimum length of both given names for a fuzzy given-name match.</summary>
    public const int MinFuzzyGivenLength = 6;

    /// <summary>Minimum length of both surnames for a fuzzy surname match.</summary>
    public const int MinFuzzySurnameLength = 7;

    /// <summary>
    /// Surnames that match fuzzily share this many leading letters; callers may block on that prefix and
    /// still see every fuzzy pair (<see cref="CoauthorMatcher.CanonicalIds(IReadOnlyList{PersonName})"/> does).
    /// </summary>
    public const int FuzzySurnamePrefixLength = 3;

    /// <summary>Minimum FuzzySharp ratio (0–100) for a fuzzy match.</summary>
    public const int MinFuzzyRatio = 90;

    /// <summary>Compares two names: graded name agreement plus what DBLP numbers say.</summary>
    public static NameComparison Compare(PersonName a, PersonName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dblp = Dblp(a, b);
        return new NameComparison(dblp == DblpAgreement.Different ? NameMatch.Incompatible : MatchParts(a, b), dblp);
    }

    /// <summary>Graded agreement of two names; <see cref="NameMatch.Incompatible"/> when their DBLP numbers differ.</summary>
    public static NameMatch Match(PersonName a, PersonName b) => Compare(a, b).Match;

    /// <summary>
    /// True when the two names can be the same person: surnames equal after folding (or a swapped East Asian
    /// order, or a long-surname spelling variant), given names compatible, suffixes and DBLP numbers not clashing.
    /// </summary>
    public static bool AreCompatible(PersonName a, PersonName b) => Match(a, b) != NameMatch.Incompatible;

    /// <summary>What the DBLP numbers of two names say.</summary>
    public static DblpAgreement Dblp(PersonName a, PersonName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.DblpNumber is not { } x || b.DblpNumber is not { } y) return DblpAgreement.Unknown;
        return x == y ? DblpAgreement.Same : DblpAgreement.Different;
    }

    /// <summary>
    /// True when the given and middle names of two names agree, ignoring surnames:
    /// <c>J.</c> ~ <c>John</c>, <c>John</c> !~ <c>Jane</c>, <c>John A.</c> !~ <c>John B.</c>, <c>John</c> ~ <c>John A.</c>.
    /// A side without a given name agrees with anything.
    /// </summary>
    public static bool GivenNamesCompatible(PersonName a, PersonName b) => GivenNamesMatch(a, b) != NameMatch.Incompatible;

    /// <summary>Graded agreement of the given and middle names of two names, ignoring surnames.</summary>
    public static NameMatch GivenNamesMatch(PersonName a, PersonName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Given.Length == 0 || b.Given.Length == 0)
            return a.Given.Length == b.Given.Length && a.Middle.Count == 0 && b.Middle.Count == 0 ? NameMatch.Exact : NameMatch.Compatible;

        var first = GivenTokenMatch(a.Given, b.Given);
        if (first != NameMatch.Incompatible) return Worse(first, MiddlesMatch(a.Middle, 0, b.Middle, 0));

        // "Kong Qiao Wang" vs "Kongqiao Wang": the given name printed as two words on one side.
        if (IsSplitOf(a, b)) return Worse(NameMatch.Compatible, MiddlesMatch(a.Middle, 1, b.Middle, 0));
        if (IsSplitOf(b, a)) return Worse(NameMatch.Compatible, MiddlesMatch(a.Middle, 0, b.Middle, 1));
        return NameMatch.Incompatible;
    }

    /// <summary>Graded agreement of two single normalised given-name tokens (see the class remarks for the rules).</summary>
    public static NameMatch GivenTokenMatch(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length == 0 || y.Length == 0) return NameMatch.Incompatible;
        if (x == y) return NameMatch.Exact;
        if (x.Length == 1 || y.Length == 1) return x[0] == y[0] ? NameMatch.Compatible : NameMatch.Incompatible;
        if (Nicknames.AreVariants(x, y)) return NameMatch.Compatible;

        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        bool oneLetterLonger = longer.Length == shorter.Length + 1 && longer.StartsWith(shorter, StringComparison.Ordinal);
        if (shorter.Length >= MinPrefixLength && longer.Length >= shorter.Length + 2
            && longer.StartsWith(shorter, StringComparison.Ordinal))
            return NameMatch.Compatible;

        if (!oneLetterLonger && x[0] == y[0] && shorter.Length >= MinFuzzyGivenLength && IsFuzzyEqual(x, y))
            return NameMatch.Fuzzy;
        return NameMatch.Incompatible;
    }

    private static NameMatch MatchParts(PersonName a, PersonName b)
    {
        if (a.IsEmpty || b.IsEmpty) return NameMatch.Incompatible;
        if (a.Suffix.Length > 0 && b.Suffix.Length > 0 && a.Suffix != b.Suffix) return NameMatch.Incompatible;

        if (a.SurnameKey == b.SurnameKey)
        {
            var given = GivenNamesMatch(a, b);
            if (given != NameMatch.Incompatible) return given;
            // "Chen Xuechen Li" vs "Xuechen Li": the shorter name is a trailing run of the longer one's words.
            if (IsTrailingRun(a, b) || IsTrailingRun(b, a)) return NameMatch.Compatible;
        }
        else if (IsFuzzySurname(a.SurnameKey, b.SurnameKey))
        {
            if (!a.IsInitialsOnly && !b.IsInitialsOnly && a.Given.Length > 0 && b.Given.Length > 0)
            {
                var given = GivenNamesMatch(a, b);
                if (given is NameMatch.Exact or NameMatch.Compatible && GivenTokenMatch(a.Given, b.Given) != NameMatch.Fuzzy)
                    return NameMatch.Fuzzy;
            }
        }

        // "Marco De Santis" vs "Marco de Santis", "Juan Esquivel Rodriguez" vs "Juan Esquivel-Rodríguez":
        // one side parsed the first word of a compound surname as a middle name.
        if (TryCompoundSurname(a, b, out var compound) || TryCompoundSurname(b, a, out compound)) return compound;

        // "Li Xuechen" vs "Xuechen Li": family name first on one side.
        if (a.Given.Length > 1 && b.Given.Length > 1 && a.Middle.Count == 0 && b.Middle.Count == 0
            && a.Given == b.SurnameKey && b.Given == a.SurnameKey)
            return NameMatch.Compatible;

        return NameMatch.Incompatible;
    }

    private static NameMatch MiddlesMatch(IReadOnlyList<string> a, int aStart, IReadOnlyList<string> b, int bStart)
    {
        int aCount = a.Count - aStart;
        int bCount = b.Count - bStart;
        int n = Math.Min(aCount, bCount);
        var grade = aCount == bCount ? NameMatch.Exact : NameMatch.Compatible;
        for (int i = 0; i < n; i++)
        {
            var m = GivenTokenMatch(a[aStart + i], b[bStart + i]);
            if (m == NameMatch.Incompatible) return NameMatch.Incompatible;
            grade = Worse(grade, m);
        }
        return grade;
    }

    // True when split's given + first middle, both full words, spell joined's given name.
    private static bool IsSplitOf(PersonName split, PersonName joined)
    {
        if (split.Middle.Count == 0 || split.Given.Length < 2) return false;
        var second = split.Middle[0];
        return second.Length >= 2
            && joined.Given.Length == split.Given.Length + second.Length
            && joined.Given.AsSpan().StartsWith(split.Given, StringComparison.Ordinal)
            && joined.Given.AsSpan(split.Given.Length).SequenceEqual(second);
    }

    private static bool TryCompoundSurname(PersonName split, PersonName joined, out NameMatch match)
    {
        match = NameMatch.Incompatible;
        if (split.Middle.Count == 0) return false;
        var last = split.Middle[^1];
        var key = joined.SurnameKey.AsSpan();
        if (last.Length < 2 || key.Length != last.Length + split.SurnameKey.Length
            || !key.StartsWith(last, StringComparison.Ordinal) || !key.EndsWith(split.SurnameKey, StringComparison.Ordinal))
            return false;

        var middle = new string[split.Middle.Count - 1];
        for (int i = 0; i < middle.Length; i++) middle[i] = split.Middle[i];
        var rejoined = new PersonName(split.Original, split.Given, middle, last + " " + split.Surname, split.Suffix, split.DblpNumber);
        var given = GivenNamesMatch(rejoined, joined);
        if (given == NameMatch.Incompatible) return false;
        match = Worse(NameMatch.Compatible, given);
        return true;
    }

    // True when shorter has no middle names and its full given name equals longer's last middle name.
    private static bool IsTrailingRun(PersonName longer, PersonName shorter) =>
        longer.Middle.Count > 0 && shorter.Middle.Count == 0 && shorter.Given.Length > 1
        && longer.Middle[^1] == shorter.Given;

    private static bool IsFuzzySurname(string x, string y) =>
        x.Length >= MinFuzzySurnameLength && y.Length >= MinFuzzySurnameLength
        && x.AsSpan(0, FuzzySurnamePrefixLength).SequenceEqual(y.AsSpan(0, FuzzySurnamePrefixLength))
        && IsFuzzyEqual(x, y);

    private static bool IsFuzzyEqual(string x, string y)
    {
        // Ratios of very different lengths cannot reach the threshold; skip the edit-distance work.
        int lengthSum = x.Length + y.Length;
        if (100 * Math.Abs(x.Length - y.Length) > (100 - MinFuzzyRatio + 1) * lengthSum) return false;
        // Ordered arguments make the result symmetric whatever the library does with ties.
        return string.CompareOrdinal(x, y) <= 0 ? Fuzz.Ratio(x, y) >= MinFuzzyRatio : Fuzz.Ratio(y, x) >= MinFuzzyRatio;
    }

    private static NameMatch Worse(NameMatch x, NameMatch y) => x >= y ? x : y;
}
