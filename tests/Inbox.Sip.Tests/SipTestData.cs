using System.Text;

namespace Inbox.Sip.Tests;

/// <summary>Test vectors: files under testdata/ and short messages written with LF and sent with CRLF.</summary>
internal static class SipTestData
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", name));

    /// <summary>Turns a readable message written with '\n' into wire bytes with CRLF line endings.</summary>
    public static byte[] Crlf(string message) => Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n"));

    public const string Register =
        """
        REGISTER sip:registrar.biloxi.com SIP/2.0
        Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7
        Max-Forwards: 70
        To: Bob <sip:bob@biloxi.com>
        From: Bob <sip:bob@biloxi.com>;tag=456248
        Call-ID: 843817637684230@998sdasdh09
        CSeq: 1826 REGISTER
        Contact: <sip:bob@192.0.2.4>
        Expires: 7200
        Content-Length: 0


        """;

    public const string Options =
        """
        OPTIONS sip:carol@chicago.com SIP/2.0
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
        Max-Forwards: 70
        To: <sip:carol@chicago.com>
        From: Alice <sip:alice@atlanta.com>;tag=1928301774
        Call-ID: a84b4c76e66710
        CSeq: 63104 OPTIONS
        Contact: <sip:alice@pc33.atlanta.com>
        Accept: application/sdp
        Content-Length: 0


        """;
}
