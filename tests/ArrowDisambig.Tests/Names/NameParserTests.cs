using NUnit.Framework;
using ArrowDisambig.Names;

namespace ArrowDisambig.Tests.Names;

[TestFixture]
public class NameParserTests
{
    // printed, given, middle (space-separated), surname, suffix, dblp (-1 = none)
    [TestCase("Chris J. Maddison", "chris", "j", "maddison", "", -1)]
    [TestCase("Mohammad Norouzi 0002", "mohammad", "", "norouzi", "", 2)]
    [TestCase("Xuechen Li 0005", "xuechen", "", "li", "", 5)]
    [TestCase("Sinha AD", "a", "d", "sinha", "", -1)]
    [TestCase("Sinha A.D.", "a", "d", "sinha", "", -1)]
    [TestCase("Sinha A. D.", "a", "d", "sinha", "", -1)]
    [TestCase("Smith J", "j", "", "smith", "", -1)]
    [TestCase("van der Maaten LJP", "l", "j p", "van der maaten", "", -1)]
    [TestCase("Grosse, Roger", "roger", "", "grosse", "", -1)]
    [TestCase("Grosse, Roger B.", "roger", "b", "grosse", "", -1)]
    [TestCase("Sinha, AD", "a", "d", "sinha", "", -1)]
    [TestCase("Smith, John, Jr.", "john", "", "smith", "jr", -1)]
    [TestCase("Smith Jr., John", "john", "", "smith", "jr", -1)]
    [TestCase("Maaten, Laurens van der", "laurens", "", "van der maaten", "", -1)]
    [TestCase("A. D. Sinha", "a", "d", "sinha", "", -1)]
    [TestCase("A.D. Sinha", "a", "d", "sinha", "", -1)]
    [TestCase("AD Sinha", "a", "d", "sinha", "", -1)]
    [TestCase("J.-P. Sartre", "j", "p", "sartre", "", -1)]
    [TestCase("chris j. maddison", "chris", "j", "maddison", "", -1)]
    [TestCase("Juan Esquivel-Rodríguez", "juan", "", "esquivelrodriguez", "", -1)]
    [TestCase("Łukasz Kaiser", "lukasz", "", "kaiser", "", -1)]
    [TestCase("Jürgen Schmidhuber", "jurgen", "", "schmidhuber", "", -1)]
    [TestCase("Søren Hauberg", "soren", "", "hauberg", "", -1)]
    [TestCase("Marco Dos Santos", "marco", "", "dos santos", "", -1)]
    [TestCase("Laurens van der Maaten", "laurens", "", "van der maaten", "", -1)]
    [TestCase("Nando de Freitas", "nando", "", "de freitas", "", -1)]
    [TestCase("John von Neumann", "john", "", "von neumann", "", -1)]
    [TestCase("Luigi di Caro", "luigi", "", "di caro", "", -1)]
    [TestCase("John St. Clair", "john", "", "st clair", "", -1)]
    [TestCase("Van Nguyen", "van", "", "nguyen", "", -1)]
    [TestCase("Le Song", "le", "", "song", "", -1)]
    [TestCase("Yu Da Li", "yu", "da", "li", "", -1)]
    [TestCase("Martin Luther King Jr.", "martin", "luther", "king", "jr", -1)]
    [TestCase("John Smith III", "john", "", "smith", "iii", -1)]
    [TestCase("Robert Smith II 0003", "robert", "", "smith", "ii", 3)]
    [TestCase("Conan O'Brien", "conan", "", "obrien", "", -1)]
    [TestCase("Conan O\u2019Brien", "conan", "", "obrien", "", -1)]
    [TestCase("Kong-Qiao Wang", "kongqiao", "", "wang", "", -1)]
    [TestCase("Chen Xuechen Li", "chen", "xuechen", "li", "", -1)]
    [TestCase("Madonna", "", "", "madonna", "", -1)]
    [TestCase("john e smith", "john", "e", "smith", "", -1)]
    [TestCase("nando de freitas", "nando", "", "de freitas", "", -1)]
    [TestCase("Maddison, Chris J.", "chris", "j", "maddison", "", -1)]
    [TestCase("Smith, J.R.", "j", "r", "smith", "", -1)]
    [TestCase("Smith JR", "j", "r", "smith", "", -1)]
    [TestCase("SMITH JOHN", "smith", "", "john", "", -1)]
    [TestCase("Ahmad bin Ali", "ahmad", "", "bin ali", "", -1)]
    [TestCase("Marco De Santis", "marco", "de", "santis", "", -1)]
    [TestCase("  Roger   Grosse  ", "roger", "", "grosse", "", -1)]
    [TestCase("Ruslan R. Salakhutdinov", "ruslan", "r", "salakhutdinov", "", -1)]
    [TestCase("Jos\u0065\u0301 Garc\u0131a", "jose", "", "garcia", "", -1)]
    public void Parses(string printed, string given, string middle, string surname, string suffix, int dblp)
    {
        var name = NameParser.Parse(printed);
        Assert.Multiple(() =>
        {
            Assert.That(name.Original, Is.EqualTo(printed));
            Assert.That(name.Given, Is.EqualTo(given), "given");
            Assert.That(string.Join(' ', name.Middle), Is.EqualTo(middle), "middle");
            Assert.That(name.Surname, Is.EqualTo(surname), "surname");
            Assert.That(name.Suffix, Is.EqualTo(suffix), "suffix");
            Assert.That(name.DblpNumber, Is.EqualTo(dblp < 0 ? null : dblp), "dblp");
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(".,;-")]
    [TestCase("0002")]
    [TestCase("\u0000\u0001\t\n")]
    [TestCase(null)]
    public void Garbage_GivesEmptyName(string? printed)
    {
        var name = NameParser.Parse(printed);
        Assert.Multiple(() =>
        {
            Assert.That(name.IsEmpty, Is.True);
            Assert.That(name.Given, Is.Empty);
            Assert.That(name.Middle, Is.Empty);
            Assert.That(name.Surname, Is.Empty);
        });
    }

    [Test]
    public void VeryLongInput_DoesNotThrow()
    {
        var printed = string.Concat(Enumerable.Repeat("Ab, C.d-é ", 1000));
        Assert.DoesNotThrow(() => NameParser.Parse(printed));
    }

    [Test]
    public void Keys_AreComputedFromParts()
    {
        var name = NameParser.Parse("Laurens J. P. van der Maaten");
        Assert.Multiple(() =>
        {
            Assert.That(name.FirstInitial, Is.EqualTo('l'));
            Assert.That(name.Initials, Is.EqualTo("ljp"));
            Assert.That(name.IsInitialsOnly, Is.False);
            Assert.That(name.SurnameKey, Is.EqualTo("vandermaaten"));
            Assert.That(name.FullKey, Is.EqualTo("laurens vandermaaten"));
            Assert.That(name.InitialKey, Is.EqualTo("l vandermaaten"));
        });
    }

    [Test]
    public void InitialsOnly_IsDetected()
    {
        var name = NameParser.Parse("J. Smith");
        Assert.Multiple(() =>
        {
            Assert.That(name.IsInitialsOnly, Is.True);
            Assert.That(name.FullKey, Is.EqualTo("j smith"));
            Assert.That(name.InitialKey, Is.EqualTo("j smith"));
        });
    }

    [Test]
    public void EqualParses_AreEqualRecords()
    {
        var first = NameParser.Parse("Sinha AD");
        var second = NameParser.Parse("Sinha AD");
        Assert.That(first, Is.Not.SameAs(second));
        Assert.That(first, Is.EqualTo(second));
        Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
        Assert.That(first, Is.Not.EqualTo(NameParser.Parse("Sinha AE")));
    }
}
