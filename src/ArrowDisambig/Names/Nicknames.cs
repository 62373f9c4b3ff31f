using System.Collections.Frozen;

namespace ArrowDisambig.Names;

/// <summary>
/// Built-in table of given-name variants: English nicknames (<c>bill</c>/<c>william</c>) and common
/// transliteration spellings (<c>mohammad</c>/<c>muhammad</c>, <c>dmitry</c>/<c>dmitri</c>).
/// </summary>
/// <remarks>
/// Names are grouped into sets of true variants of one formal name. A nickname can belong to several sets
/// (<c>chris</c> is in <c>christopher</c>'s and <c>christine</c>'s), and two names are variants only when
/// they share a set, so <c>chris</c> ~ <c>christopher</c> and <c>chris</c> ~ <c>christine</c> but
/// <c>christopher</c> !~ <c>christine</c>.
/// </remarks>
public static class Nicknames
{
    private static readonly string[][] Groups =
    [
        ["william", "bill", "billy", "will", "willy", "liam"],
        ["robert", "bob", "bobby", "rob", "robby", "robbie", "bert"],
        ["richard", "rich", "rick", "ricky", "dick", "richie"],
        ["james", "jim", "jimmy", "jamie"],
        ["michael", "mike", "mick", "mickey", "mikey", "mikhail", "michal"],
        ["alexander", "alex", "alec", "sasha", "alexandr", "aleksandr", "aleksander", "alexandre", "alejandro", "alessandro"],
        ["alexandra", "alex", "sasha", "alexa", "aleksandra"],
        ["alexey", "alexei", "aleksey", "aleksei", "alyosha"],
        ["thomas", "tom", "tommy"],
        ["david", "dave", "davy"],
        ["daniel", "dan", "danny"],
        ["benjamin", "ben", "benny"],
        ["samuel", "sam", "sammy"],
        ["samantha", "sam", "sammy"],
        ["matthew", "matt", "matty"],
        ["matthias", "matt", "matthijs"],
        ["andrew", "andy", "drew"],
        ["andreas", "andy"],
        ["anthony", "tony", "ant"],
        ["antonio", "tony"],
        ["joseph", "joe", "joey"],
        ["josephine", "jo", "josie"],
        ["stephen", "steve", "stevie"],
        ["steven", "steve", "stevie"],
        ["katherine", "kate", "katie", "kathy", "kat"],
        ["catherine", "cate", "cathy", "kate", "katie"],
        ["kathryn", "kate", "katie", "kathy"],
        ["elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby"],
        ["christopher", "chris", "kit"],
        ["christine", "chris", "chrissy"],
        ["christina", "chris", "tina"],
        ["christian", "chris"],
        ["nicholas", "nick", "nicky", "nicolas", "niklas", "nikolaos"],
        ["nikolai", "nikolay", "kolya"],
        ["nicole", "nikki", "nicky"],
        ["jonathan", "jon", "jonny"],
        ["john", "jack", "johnny", "jon"],
        ["edward", "ed", "eddie", "ted", "ned"],
        ["edwin", "ed"],
        ["edmund", "ed", "ned"],
        ["charles", "charlie", "chuck", "chas"],
        ["peter", "pete"],
        ["patrick", "pat", "paddy"],
        ["patricia", "pat", "patty", "trish"],
        ["frederick", "fred", "freddie", "freddy"],
        ["gregory", "greg"],
        ["jeffrey", "jeff"],
        ["geoffrey", "geoff", "jeff"],
        ["joshua", "josh"],
        ["kenneth", "ken", "kenny"],
        ["lawrence", "larry"],
        ["laurence", "larry"],
        ["leonard", "leo", "len", "lenny"],
        ["margaret", "maggie", "meg", "peggy", "marge"],
        ["jennifer", "jen", "jenny"],
        ["jessica", "jess", "jessie"],
        ["rebecca", "becky", "becca"],
        ["susan", "sue", "susie"],
        ["deborah", "deb", "debbie", "debra"],
        ["victoria", "vicky", "tori"],
        ["timothy", "tim", "timmy"],
        ["raymond", "ray"],
        ["ronald", "ron", "ronnie"],
        ["donald", "don", "donny"],
        ["douglas", "doug"],
        ["gerald", "gerry", "jerry"],
        ["harold", "harry", "hal"],
        ["henry", "harry", "hank", "hal"],
        ["zachary", "zach", "zack"],
        ["vincent", "vince", "vinny"],
        ["theodore", "ted", "teddy", "theo"],
        ["nathan", "nate"],
        ["nathaniel", "nate", "nat"],
        ["philip", "phillip", "phil"],
        ["mitchell", "mitch"],
        ["russell", "russ"],
        ["ruslan", "russ"],
        ["eugene", "gene"],
        ["francis", "frank", "fran"],
        ["franklin", "frank"],
        ["gabriel", "gabe"],
        ["jacob", "jake"],
        ["louis", "lou"],
        ["maximilian", "max"],
        ["maxwell", "max"],
        ["oliver", "ollie"],
        ["pamela", "pam"],
        ["randall", "randy"],
        ["sebastian", "seb"],
        ["stanley", "stan"],
        ["terence", "terrence", "terry"],
        ["walter", "walt"],
        ["wesley", "wes"],
        ["abigail", "abby", "abbie"],
        ["barbara", "barb", "barbie"],
        ["cynthia", "cindy"],
        ["judith", "judy"],
        ["kimberly", "kim"],
        ["valentina", "val"],
        ["valentin", "val"],
        ["benedict", "ben"],
        ["albert", "al", "bert"],
        ["alfred", "alf", "fred"],
        ["muhammad", "mohammad", "mohammed", "mohamed", "mohamad", "muhammed", "mohd"],
        ["dmitry", "dmitri", "dmitriy", "dmitrii", "dima"],
        ["sergey", "sergei", "sergiy"],
        ["evgeny", "evgeni", "evgenii", "evgeniy", "yevgeny", "yevgeniy", "zhenya"],
        ["yuri", "yury", "yuriy", "iurii"],
        ["andrey", "andrei", "andrii", "andriy"],
        ["mikhail", "misha"],
        ["ivan", "vanya"],
        ["vladimir", "volodymyr", "vova"],
        ["pavel", "pasha"],
    ];

    // name -> ids of the groups it belongs to; immutable after construction.
    private static readonly FrozenDictionary<string, int[]> GroupsByName = BuildIndex();

    /// <summary>Number of variant groups in the table.</summary>
    public static int GroupCount => Groups.Length;

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same name or share a variant group.
    /// Inputs are folded with <see cref="TextFold.FoldLetters(string)"/> (free for already normalised names).
    /// </summary>
    public static bool AreVariants(string? a, string? b)
    {
        var x = TextFold.FoldLetters(a);
        var y = TextFold.FoldLetters(b);
        if (x.Length == 0 || y.Length == 0) return false;
        if (x == y) return true;
        if (!GroupsByName.TryGetValue(x, out var xs) || !GroupsByName.TryGetValue(y, out var ys)) return false;
        foreach (int g in xs)
            if (Array.IndexOf(ys, g) >= 0) return true;
        return false;
    }

    /// <summary>True when the folded name appears in the table.</summary>
    public static bool IsKnown(string? name) => GroupsByName.ContainsKey(TextFold.FoldLetters(name));

    private static FrozenDictionary<string, int[]> BuildIndex()
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int g = 0; g < Groups.Length; g++)
        {
            foreach (var name in Groups[g])
            {
                if (!index.TryGetValue(name, out var ids)) index[name] = ids = [];
                if (!ids.Contains(g)) ids.Add(g);
            }
        }
        return index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
