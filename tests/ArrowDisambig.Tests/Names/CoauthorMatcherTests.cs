using ArrowDisambig.Names;
using NUnit.Framework;

namespace ArrowDisambig.Tests.Names;

[TestFixture]
public class CoauthorMatcherTests
{
    [TestCase("Russ Salakhutdinov", "Ruslan Salakhutdinov", true)]
    [TestCase("Roger Grosse", "Roger B. Grosse", true)]
    [TestCase("Sheila McIlraith", "Sheila A. McIlraith", true)]
    [TestCase("Grosse, Roger", "Roger Grosse", true)]
    [TestCase("Sinha AD", "A. D. Sinha", true)]
    [TestCase("Xuechen Li 0005", "Chen Xuechen Li", true)]
    [TestCase("Ruslan Salakhutdinov", "Ruslan Salakhutdinow", true)]
    [TestCase("Juan Esquivel-Rodríguez", "Juan Esquivel-Rodriguez", true)]
    [TestCase("Marco De Santis", "Marco de Santis", true)]
    [TestCase("John Smith", "Jane Smith", false)]
    [TestCase("Wei Wang", "Wei Wong", false)]
    [TestCase("Xuechen Li 0005", "Xuechen Li 0002", false)]
    [TestCase("Smith", "John Smith", false)]
    [TestCase("", "", false)]
    public void SameCoauthor_IsSymmetric(string a, string b, bool expected)
    {
        Assert.That(CoauthorMatcher.SameCoauthor(a, b), Is.EqualTo(expected));
        Assert.That(CoauthorMatcher.SameCoauthor(b, a), Is.EqualTo(expected));
    }

    [Test]
    public void CanonicalIds_MergesVariantsInOrderOfAppearance()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[]
        {
            "Roger Grosse", "Russ Salakhutdinov", "Grosse, Roger", "Ruslan Salakhutdinov",
            "Roger B. Grosse", "Sinha AD", "A. D. Sinha", "Geoffrey Hinton",
        });
        Assert.That(ids, Is.EqualTo(new[] { 0, 1, 0, 1, 0, 2, 2, 3 }));
    }

    [Test]
    public void CanonicalIds_AmbiguousInitialsDoNotChainTwoPeople()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "John Smith", "J. Smith", "Jane Smith", "J. Smith" });
        Assert.Multiple(() =>
        {
            Assert.That(ids[0], Is.Not.EqualTo(ids[2]), "John and Jane stay apart");
            Assert.That(ids[1], Is.Not.EqualTo(ids[0]), "J. is not merged with John");
            Assert.That(ids[1], Is.Not.EqualTo(ids[2]), "J. is not merged with Jane");
            Assert.That(ids[1], Is.EqualTo(ids[3]), "identical prints stay together");
        });
    }

    [Test]
    public void CanonicalIds_UnambiguousInitialsMerge()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "John Smith", "J. Smith", "John A. Smith", "Mary Jones" });
        Assert.That(ids, Is.EqualTo(new[] { 0, 0, 0, 1 }));
    }

    [Test]
    public void CanonicalIds_MiddleInitialsKeepTwoPeopleApart()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "John A. Smith", "John Smith", "John B. Smith" });
        Assert.That(ids.Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void CanonicalIds_DblpNumbersSplitAndBareNameIsAmbiguous()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "Xuechen Li 0005", "Chen Xuechen Li", "Xuechen Li 0002", "Xuechen Li" });
        Assert.Multiple(() =>
        {
            Assert.That(ids[0], Is.Not.EqualTo(ids[2]));
            Assert.That(ids[3], Is.Not.EqualTo(ids[0]));
            Assert.That(ids[3], Is.Not.EqualTo(ids[2]));
        });
    }

    [Test]
    public void CanonicalIds_SwappedOrderAndSpellingVariants()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "Xuechen Li", "Li Xuechen", "Ruslan Salakhutdinov", "Ruslan Salakhutdinow" });
        Assert.That(ids, Is.EqualTo(new[] { 0, 0, 1, 1 }));
    }

    [Test]
    public void CanonicalIds_CompoundSurnameVariantsMeet()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "Juan Esquivel-Rodríguez", "Marco De Santis", "Juan Esquivel Rodriguez", "Marco de Santis" });
        Assert.That(ids, Is.EqualTo(new[] { 0, 1, 0, 1 }));
    }

    [Test]
    public void CanonicalIds_UnusableNamesGetTheirOwnIds()
    {
        var ids = CoauthorMatcher.CanonicalIds(new[] { "", "Smith", "Smith", "John Smith" });
        Assert.That(ids, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void CanonicalIds_EveryGroupIsPairwiseCompatible()
    {
        var printed = new[]
        {
            "Chris Smith", "Christopher Smith", "Christine Smith", "C. Smith", "Christopher J. Smith",
            "Wei Wang", "W. Wang", "Wei Wang 0001", "Wei Wang 0002", "Wang Wei", "Wei Wong",
        };
        var names = printed.Select(p => NameParser.Parse(p)).ToArray();
        var ids = CoauthorMatcher.CanonicalIds(names);
        for (int i = 0; i < names.Length; i++)
            for (int j = i + 1; j < names.Length; j++)
                if (ids[i] == ids[j])
                    Assert.That(CoauthorMatcher.SameCoauthor(names[i], names[j]), Is.True, $"{printed[i]} / {printed[j]}");
    }

}
