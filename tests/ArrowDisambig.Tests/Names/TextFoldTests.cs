using NUnit.Framework;
using ArrowDisambig.Names;

namespace ArrowDisambig.Tests.Names;

[TestFixture]
public class TextFoldTests
{
    [TestCase("Juan Esquivel-Rodríguez", "juan esquivel rodriguez")]
    [TestCase("Łukasz Øster Đorđe", "lukasz oster dorde")]
    [TestCase("Straße Æsir", "strasse aesir")]
    [TestCase("Nguyễn Văn Thắng", "nguyen van thang")]
    [TestCase("François Müller", "francois muller")]
    [TestCase("O'Brien", "obrien")]
    [TestCase("  Deep   Learning: A Survey!  ", "deep learning a survey")]
    [TestCase("GPT-4 and\tBERT\u0000", "gpt 4 and bert")]
    [TestCase("e\u0301cole", "ecole")]
    [TestCase("李 Wei", "李 wei")]
    [TestCase("", "")]
    [TestCase("...", "")]
    public void Fold(string text, string expected) => Assert.That(TextFold.Fold(text), Is.EqualTo(expected));

    [TestCase("Kong-Qiao", "kongqiao")]
    [TestCase("Esquivel-Rodríguez", "esquivelrodriguez")]
    [TestCase("O'Brien", "obrien")]
    [TestCase("A.D.", "ad")]
    [TestCase("0002", "")]
    public void FoldLetters(string text, string expected) => Assert.That(TextFold.FoldLetters(text), Is.EqualTo(expected));

    [Test]
    public void AlreadyFolded_ReturnsSameInstance()
    {
        var text = "already folded text 42";
        Assert.That(TextFold.Fold(text), Is.SameAs(text));
    }

    [Test]
    public void LongText_UsesPooledBuffer()
    {
        var text = string.Concat(Enumerable.Repeat("Ærø ", 500));
        var folded = TextFold.Fold(text);
        Assert.That(folded, Is.EqualTo(string.Join(' ', Enumerable.Repeat("aero", 500))));
    }
}
