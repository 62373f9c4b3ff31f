using ArrowDisambig.Export;
using ArrowDisambig.Graph;

namespace ArrowDisambig.Tests.Review;

public class EvidenceCirclesTests
{
    // Two circles of three papers (co-authors a+b and c+d) and one paper on its own.
    private static readonly CoauthorGraph Graph = new([[0, 1], [0], [1], [2, 3], [2], [3, 2], [4]], ["Ann A", "Bo B", "Cy C", "Di D", "Ed E"]);

    [Test]
    public void Separate_co_author_circles_are_named_for_the_reviewer()
    {
        var text = ReviewQueue.CirclesText(Graph, [0, 1, 2, 3, 4, 5, 6]);
        Assert.That(text, Is.EqualTo("2 co-author circles of 3+ papers that share no one: Ann A, Bo B (3) | Cy C, Di D (3)"));
    }

    [Test]
    public void One_circle_or_small_strays_say_nothing()
    {
        Assert.That(ReviewQueue.CirclesText(Graph, [0, 1, 2, 6]), Is.Null);
        Assert.That(ReviewQueue.CirclesText(Graph, [0, 1, 3, 4]), Is.Null);
    }
}
