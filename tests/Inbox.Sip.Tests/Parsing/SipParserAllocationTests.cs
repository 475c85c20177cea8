using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Parsing;

public sealed class SipParserAllocationTests
{
    [Theory]
    [InlineData("invite-890.sip")]
    [InlineData("ok200-781.sip")]
    [InlineData("wsinv.sip")]
    public void TryParse_ReusedIndexAfterWarmUp_AllocatesNothing(string file)
    {
        var bytes = SipTestData.Load(file);
        var index = new SipMessageIndex();
        for (var i = 0; i < 100; i++)
        {
            SipParser.TryParse(bytes, index, isStream: true, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = true;
        for (var i = 0; i < 1000; i++)
        {
            ok &= SipParser.TryParse(bytes, index, isStream: true, out _) == SipParseStatus.Ok;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(ok);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryParse_MalformedMessagesAfterWarmUp_AllocatesNothing()
    {
        var bytes = SipTestData.Load("clerr.sip");
        var garbage = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
        var index = new SipMessageIndex();
        for (var i = 0; i < 100; i++)
        {
            SipParser.TryParse(bytes, index, isStream: false, out _);
            SipParser.TryParse(garbage, index, isStream: false, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            SipParser.TryParse(bytes, index, isStream: false, out _);
            SipParser.TryParse(garbage, index, isStream: false, out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
