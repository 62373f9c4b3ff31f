using ArrowDisambig.Names;
using NUnit.Framework;

namespace ArrowDisambig.Tests.Names;

[TestFixture]
public class NameCompatibilityTests
{
    private static NameMatch Match(string a, string b) => NameCompatibility.Match(NameParser.Parse(a), NameParser.Parse(b));

    // Each case is checked in both directions.
    [TestCase("John Smith", "John Smith", NameMatch.Exact)]
    [TestCase("Smith, John", "John Smith", NameMatch.Exact)]
    [TestCase("Sinha AD", "A. D. Sinha", NameMatch.Exact)]
    [TestCase("Kong-Qiao Wang", "Kongqiao Wang", NameMatch.Exact)]
    [TestCase("Juan Esquivel-Rodríguez", "juan esquivel-rodriguez", NameMatch.Exact)]
    [TestCase("Laurens van der Maaten", "Laurens Vandermaaten", NameMatch.Exact)]
    [TestCase("J. Smith", "John Smith", NameMatch.Compatible)]
    [TestCase("John Smith", "John A. Smith", NameMatch.Compatible)]
    [TestCase("J. A. Smith", "John Adam Smith", NameMatch.Compatible)]
    [TestCase("Chris Maddison", "Christopher Maddison", NameMatch.Compatible)]
    [TestCase("Russ Salakhutdinov", "Ruslan Salakhutdinov", NameMatch.Compatible)]
    [TestCase("Bill Freeman", "William T. Freeman", NameMatch.Compatible)]
    [TestCase("Mike Jordan", "Michael I. Jordan", NameMatch.Compatible)]
    [TestCase("Mich Jordan", "Michael Jordan", NameMatch.Compatible)]
    [TestCase("Li Xuechen", "Xuechen Li", NameMatch.Compatible)]
    [TestCase("Kong Qiao Wang", "Kongqiao Wang", NameMatch.Compatible)]
    [TestCase("K. Q. Wang", "Kong-Qiao Wang", NameMatch.Compatible)]
    [TestCase("Chen Xuechen Li", "Xuechen Li", NameMatch.Compatible)]
    [TestCase("Marco De Santis", "Marco de Santis", NameMatch.Compatible)]
    [TestCase("Juan Esquivel Rodriguez", "Juan Esquivel-Rodríguez", NameMatch.Compatible)]
    [TestCase("J. A. Esquivel Rodriguez", "Juan Esquivel-Rodríguez", NameMatch.Compatible)]
    [TestCase("Juan B. Esquivel Rodriguez", "Juan C. Esquivel-Rodríguez", NameMatch.Incompatible)]
    [TestCase("Mohammad Norouzi 0002", "Mohammad Norouzi", NameMatch.Exact)]
    [TestCase("Mohammad Norouzi 0002", "Mohammad Norouzi 0002", NameMatch.Exact)]
    [TestCase("Muhammad Norouzi", "Mohammad Norouzi", NameMatch.Compatible)]
    [TestCase("Ruslan Salakhutdinov", "Ruslan Salakhutdinow", NameMatch.Fuzzy)]
    [TestCase("Aleksandra Kowalczyk", "Aleksandrw Kowalczyk", NameMatch.Fuzzy)]
    [TestCase("John Smith", "Jane Smith", NameMatch.Incompatible)]
    [TestCase("John A. Smith", "John B. Smith", NameMatch.Incompatible)]
    [TestCase("J. Smith", "K. Smith", NameMatch.Incompatible)]
    [TestCase("Jan Smith", "Jane Smith", NameMatch.Incompatible)]
    [TestCase("Daniel Smith", "Daniela Smith", NameMatch.Incompatible)]
    [TestCase("Christopher Smith", "Christine Smith", NameMatch.Incompatible)]
    [TestCase("Wei Wang", "Wei Wong", NameMatch.Incompatible)]
    [TestCase("John Johnson", "John Johnston", NameMatch.Fuzzy)]
    [TestCase("J. Salakhutdinov", "J. Salakhutdinow", NameMatch.Incompatible)]
    [TestCase("Mohammad Norouzi 0002", "Mohammad Norouzi 0003", NameMatch.Incompatible)]
    [TestCase("John Smith Jr.", "John Smith Sr.", NameMatch.Incompatible)]
    [TestCase("John Smith Jr.", "John Smith", NameMatch.Exact)]
    [TestCase("", "", NameMatch.Incompatible)]
    [TestCase("John Smith", "", NameMatch.Incompatible)]
    public void Match_IsGradedAndSymmetric(string a, string b, NameMatch expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Match(a, b), Is.EqualTo(expected), "a vs b");
            Assert.That(Match(b, a), Is.EqualTo(expected), "b vs a");
            bool compatible = expected != NameMatch.Incompatible;
            Assert.That(NameCompatibility.AreCompatible(NameParser.Parse(a), NameParser.Parse(b)), Is.EqualTo(compatible));
            Assert.That(NameCompatibility.AreCompatible(NameParser.Parse(b), NameParser.Parse(a)), Is.EqualTo(compatible));
        });
    }

    [TestCase("J. Smith", "John Smith", true)]
    [TestCase("John Smith", "Jane Smith", false)]
    [TestCase("John A. Smith", "John B. Smith", false)]
    [TestCase("John Smith", "John A. Smith", true)]
    [TestCase("J. Smith", "Jane Doe", true)]
    [TestCase("Russ Xu", "Ruslan Yang", true)]
    public void GivenNamesCompatible_IgnoresSurname(string a, string b, bool expected)
    {
        var x = NameParser.Parse(a);
        var y = NameParser.Parse(b);
        Assert.That(NameCompatibility.GivenNamesCompatible(x, y), Is.EqualTo(expected));
        Assert.That(NameCompatibility.GivenNamesCompatible(y, x), Is.EqualTo(expected));
    }

    [TestCase("Wei Wang 0002", "Wei Wang 0002", DblpAgreement.Same)]
    [TestCase("Wei Wang 0002", "Wei Wang 0003", DblpAgreement.Different)]
    [TestCase("Wei Wang 0002", "Wei Wang", DblpAgreement.Unknown)]
    [TestCase("Wei Wang", "Wei Wang", DblpAgreement.Unknown)]
    public void Dblp(string a, string b, DblpAgreement expected)
    {
        var comparison = NameCompatibility.Compare(NameParser.Parse(a), NameParser.Parse(b));
        Assert.That(comparison.Dblp, Is.EqualTo(expected));
        Assert.That(comparison.IsCompatible, Is.EqualTo(expected != DblpAgreement.Different));
    }

    [TestCase("bill", "william", true)]
    [TestCase("Bob", "Robert", true)]
    [TestCase("russ", "ruslan", true)]
    [TestCase("chris", "christopher", true)]
    [TestCase("chris", "christine", true)]
    [TestCase("christopher", "christine", false)]
    [TestCase("stephen", "steven", false)]
    [TestCase("steve", "steven", true)]
    [TestCase("john", "jane", false)]
    [TestCase("", "", false)]
    public void Nicknames_AreVariants(string a, string b, bool expected)
    {
        Assert.That(Nicknames.AreVariants(a, b), Is.EqualTo(expected));
        Assert.That(Nicknames.AreVariants(b, a), Is.EqualTo(expected));
    }

    [Test]
    public void Nicknames_TableHasEnoughGroups() => Assert.That(Nicknames.GroupCount, Is.GreaterThanOrEqualTo(60));
}
