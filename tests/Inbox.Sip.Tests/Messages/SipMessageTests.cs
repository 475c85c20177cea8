using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipMessageTests
{
    [Fact]
    public void Vias_CommaListsAcrossRepeatedLines_AllInOrder()
    {
        var message = Read("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bKnashds8, SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1
            v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;received=192.0.2.1
            Content-Length: 0


            """);

        var vias = message.Vias;

        Assert.Equal(new[] { "server10.biloxi.com", "bigbox3.site3.atlanta.com", "pc33.atlanta.com" }, vias.Select(v => v.Host));
        Assert.Equal("z9hG4bKnashds8", message.TopVia.Branch);
    }

    [Fact]
    public void Contacts_CommasInsideQuotesAndBrackets_DoNotSplit()
    {
        var message = Read("""
            REGISTER sip:example.com SIP/2.0
            Contact: "Doe, John" <sip:john,doe@a.example.com>;expires=60, <sip:john@b.example.com>
            m: sip:john@c.example.com;q=0.1
            Content-Length: 0


            """);

        var contacts = message.Contacts;

        Assert.Equal(3, contacts.Count);
        Assert.Equal("Doe, John", contacts[0].DisplayName);
        Assert.Equal("john,doe", contacts[0].Uri.User);
        Assert.Equal("60", contacts[0].Parameters["expires"]);
        Assert.Equal("b.example.com", contacts[1].Uri.Host);
        Assert.Equal("0.1", contacts[2].Parameters["q"]);
    }

    [Fact]
    public void Contacts_Star_Wildcard()
    {
        var message = Read("REGISTER sip:example.com SIP/2.0\nContact: *\nExpires: 0\nContent-Length: 0\n\n");

        var contact = Assert.Single(message.Contacts);

        Assert.True(contact.IsWildcard);
        Assert.Equal(0, message.Expires);
    }

    [Fact]
    public void Contacts_Absent_Empty()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nContent-Length: 0\n\n");

        var contacts = message.Contacts;

        Assert.Empty(contacts);
        Assert.Throws<SipFormatException>(() => message.TopVia);
    }

    [Fact]
    public void TypedHeaders_CompactForms_SameAsFullNames()
    {
        var message = Read("""
            INVITE sip:bob@biloxi.com SIP/2.0
            v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds
            t: Bob <sip:bob@biloxi.com>
            f: Alice <sip:alice@atlanta.com>;tag=1928301774
            i: a84b4c76e66710@pc33.atlanta.com
            CSeq: 314159 INVITE
            m: <sip:alice@pc33.atlanta.com>
            k: 100rel, timer
            s: lunch
            e: gzip
            c: application/sdp
            l: 0


            """);

        Assert.Equal("Bob", message.To.DisplayName);
        Assert.Equal("1928301774", message.From.Tag);
        Assert.Equal("a84b4c76e66710@pc33.atlanta.com", message.CallId);
        Assert.Equal("pc33.atlanta.com", Assert.Single(message.Contacts).Uri.Host);
        Assert.Equal("z9hG4bK776asdhds", message.TopVia.Branch);
        Assert.Equal(new[] { "100rel", "timer" }, message.GetHeaderValues(SipHeaderId.Supported));
        Assert.Equal("lunch", message.GetHeader("Subject"));
        Assert.Equal("gzip", message.GetHeader(SipHeaderId.ContentEncoding));
        Assert.Equal("application/sdp", message.ContentType);
    }

    [Fact]
    public void GetHeader_FoldedValue_UnfoldedToSingleSpaces()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nSubject: I know you're there,\n   pick up the phone\n\tand talk to me!\nContent-Length: 0\n\n");

        var subject = message.GetHeader(SipHeaderId.Subject);

        Assert.Equal("I know you're there, pick up the phone and talk to me!", subject);
    }

    [Fact]
    public void From_FoldedNameAddr_ParsedAfterUnfolding()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nFrom: \"Alice\"\n <sip:alice@atlanta.com>\n ;tag=1\nContent-Length: 0\n\n");

        var from = message.From;

        Assert.Equal(("Alice", "1"), (from.DisplayName, from.Tag));
    }

    [Fact]
    public void GetHeader_UnknownNameInAnyCase_FirstValue()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nX-Trace: one\nx-trace: two\nContent-Length: 0\n\n");

        var value = message.GetHeader("X-TRACE");

        Assert.Equal("one", value);
        Assert.Null(message.GetHeader("X-Missing"));
    }

    [Fact]
    public void HeaderLines_UnknownHeaders_KeptInOrderAsWritten()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nX-B: 2\nCall-ID: c\nx-a: 1\nX-B: 3\nContent-Length: 0\n\n");

        var lines = message.HeaderLines().ToList();

        Assert.Equal(
            new[] { "X-B=2", "Call-ID=c", "x-a=1", "X-B=3", "Content-Length=0" },
            lines.Select(l => l.Key + "=" + l.Value));
    }

    [Theory]
    [InlineData("Max-Forwards: 70", 70)]
    [InlineData("Max-Forwards: 0068", 68)]
    [InlineData("Max-Forwards: 255", 255)]
    [InlineData("Max-Forwards: 0", 0)]
    public void MaxForwards_InRange_Value(string headerLine, int value)
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\n" + headerLine + "\nContent-Length: 0\n\n");

        var maxForwards = message.MaxForwards;

        Assert.Equal(value, maxForwards);
    }

    [Theory]
    [InlineData("Max-Forwards: 256")]
    [InlineData("Max-Forwards: 300")]
    [InlineData("Max-Forwards: -1")]
    [InlineData("Max-Forwards: seventy")]
    [InlineData("Max-Forwards: 99999999999")]
    public void MaxForwards_OutOfRangeOrMalformed_FormatException(string headerLine)
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\n" + headerLine + "\nContent-Length: 0\n\n");

        var exception = Assert.Throws<SipFormatException>(() => message.MaxForwards);

        Assert.Equal("Malformed Max-Forwards header", exception.Message);
    }

    [Fact]
    public void CSeq_HugeNumber_FormatException()
    {
        var message = Read("OPTIONS sip:example.com SIP/2.0\nCSeq: 4294967296 OPTIONS\nContent-Length: 0\n\n");

        var exception = Assert.Throws<SipFormatException>(() => message.CSeq);

        Assert.Equal("Malformed CSeq header", exception.Message);
    }

    private static SipMessage Read(string text)
    {
        var status = SipMessageReader.TryRead(SipTestData.Crlf(text), out var message, out var error);
        Assert.True(status == SipParseStatus.Ok, error);
        return message!;
    }
}
