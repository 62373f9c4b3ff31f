namespace ArrowDisambig.Names;

/// <summary>
/// An author name split into normalised parts. Produced by <see cref="NameParser.Parse"/>; immutable.
/// </summary>
/// <remarks>
/// <para>Every part is folded by <see cref="TextFold.FoldLetters(string)"/>: lower-case, diacritics folded,
/// and hyphens and apostrophes removed inside a part, so <c>Kong-Qiao</c> is <c>kongqiao</c> (one given name
/// with initial <c>k</c>, as S2AND treats it) and <c>Esquivel-Rodríguez</c> is <c>esquivelrodriguez</c>.
/// This makes <c>Kong-Qiao</c>, <c>Kongqiao</c> and <c>KongQiao</c> the same name.</para>
/// <para>The surname keeps its particles separated by single spaces (<c>van der maaten</c>); the keys drop
/// those spaces (<c>vandermaaten</c>) so <c>Van der Maaten</c> and <c>Vandermaaten</c> block together.</para>
/// <para>Equality compares the printed text and the parts, with <see cref="Middle"/> compared item by item.</para>
/// </remarks>
public sealed record PersonName
{
    /// <summary>A name with no parts, for input that holds no letters.</summary>
    public static PersonName Empty { get; } = new(string.Empty, string.Empty, [], string.Empty, string.Empty, null);

    /// <summary>Creates a name from already normalised parts; computes the keys once.</summary>
    /// <param name="original">The name as printed.</param>
    /// <param name="given">First given name or initial, normalised; empty when unknown.</param>
    /// <param name="middle">Further given names or initials, normalised, in printed order; kept, not copied, so it must not change afterwards.</param>
    /// <param name="surname">Surname with particles, normalised; empty only for an empty name.</param>
    /// <param name="suffix">Generational suffix such as <c>jr</c> or <c>iii</c>; empty when none.</param>
    /// <param name="dblpNumber">DBLP's disambiguation number (<c>0002</c> → 2), when printed.</param>
    public PersonName(string original, string given, IReadOnlyList<string> middle, string surname, string suffix, int? dblpNumber)
    {
        Original = original ?? string.Empty;
        Given = given ?? string.Empty;
        Middle = middle ?? [];
        Surname = surname ?? string.Empty;
        Suffix = suffix ?? string.Empty;
        DblpNumber = dblpNumber;

        SurnameKey = Surname.Contains(' ') ? Surname.Replace(" ", string.Empty) : Surname;
        FirstInitial = Given.Length > 0 ? Given[0] : '\0';
        Initials = BuildInitials(Given, Middle);
        FullKey = Given.Length == 0 ? SurnameKey : string.Concat(Given, " ", SurnameKey);
        InitialKey = Given.Length == 0 ? SurnameKey : string.Concat(Given.AsSpan(0, 1), " ", SurnameKey);
    }

    /// <summary>The name as printed.</summary>
    public string Original { get; }

    /// <summary>First given name, normalised; a single letter when only an initial was printed.</summary>
    public string Given { get; }

    /// <summary>Further given names or initials, normalised, in printed order.</summary>
    public IReadOnlyList<string> Middle { get; }

    /// <summary>Surname with particles kept and separated by spaces, e.g. <c>van der maaten</c>.</summary>
    public string Surname { get; }

    /// <summary>Generational suffix (<c>jr</c>, <c>sr</c>, <c>ii</c>, <c>iii</c>, <c>iv</c>) or empty.</summary>
    public string Suffix { get; }

    /// <summary>DBLP's homonym number: an identity hint (different numbers are different people), not a name part.</summary>
    public int? DblpNumber { get; }

    /// <summary>First letter of the given name, or <c>'\0'</c> when there is no given name.</summary>
    public char FirstInitial { get; }

    /// <summary>Initials of the given name and every middle name, e.g. <c>cj</c> for <c>Chris J. Maddison</c>.</summary>
    public string Initials { get; }

    /// <summary>Surname without spaces (<c>vandermaaten</c>): the exact-surname blocking key.</summary>
    public string SurnameKey { get; }

    /// <summary><c>given surname</c> with middle names dropped, e.g. <c>chris maddison</c>; the surname key alone without a given name.</summary>
    public string FullKey { get; }

    /// <summary>First initial and surname, e.g. <c>c maddison</c>: the S2AND-style blocking key.</summary>
    public string InitialKey { get; }

    /// <summary>True when the given name is only an initial.</summary>
    public bool IsInitialsOnly => Given.Length == 1;

    /// <summary>True when the name holds no surname, i.e. the input had no letters.</summary>
    public bool IsEmpty => Surname.Length == 0;

    /// <inheritdoc />
    public bool Equals(PersonName? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Original == other.Original
                && Given == other.Given
                && Surname == other.Surname
                && Suffix == other.Suffix
                && DblpNumber == other.DblpNumber
                && Middle.SequenceEqual(other.Middle)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Original, Given, Surname, Suffix, DblpNumber, Middle.Count);

    /// <inheritdoc />
    public override string ToString()
    {
        var middle = Middle.Count == 0 ? string.Empty : " [" + string.Join(' ', Middle) + "]";
        var suffix = Suffix.Length == 0 ? string.Empty : " " + Suffix;
        var dblp = DblpNumber is { } n ? $" #{n:D4}" : string.Empty;
        return $"{Given}{middle} | {Surname}{suffix}{dblp}";
    }

    private static string BuildInitials(string given, IReadOnlyList<string> middle)
    {
        if (given.Length == 0) return string.Empty;
        if (middle.Count == 0) return given[..1];
        Span<char> initials = middle.Count < 64 ? stackalloc char[middle.Count + 1] : new char[middle.Count + 1];
        initials[0] = given[0];
        int length = 1;
        foreach (var part in middle)
            if (part.Length > 0) initials[length++] = part[0];
        return new string(initials[..length]);
    }
}
