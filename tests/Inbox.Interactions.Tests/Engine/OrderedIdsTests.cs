using Inbox.Interactions.Engine;

namespace Inbox.Interactions.Tests.Engine;

public sealed class OrderedIdsTests
{
    [Fact]
    public void Next_ManyWithinAMillisecond_EachGreaterThanTheLastAndAVersion7Uuid()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => OrderedIds.Next()).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(7, Guid.ParseExact(id, "N").Version));
        Assert.All(ids, id => Assert.Equal(32, id.Length));
    }
}
