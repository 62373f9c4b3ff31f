using ArrowDisambig.Names;
using FsCheck;
using NUnit.Framework;

// The analyzer does not know FsCheck supplies the arguments.
#pragma warning disable NUnit1027

namespace ArrowDisambig.Tests.Names;

[TestFixture]
public class NamePropertyTests
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public void Parse_NeverThrows_FsCheck(string printed) => NameParser.Parse(printed);

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Compatibility_IsSymmetric_FsCheck(NonNull<string> a, NonNull<string> b)
    {
        var x = NameParser.Parse(a.Get);
        var y = NameParser.Parse(b.Get);
        return NameCompatibility.Match(x, y) == NameCompatibility.Match(y, x);
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Name_IsCompatibleWithItself_FsCheck(NonNull<string> a)
    {
        var x = NameParser.Parse(a.Get);
        return x.IsEmpty || NameCompatibility.AreCompatible(x, x);
    }
}
