using Inbox.Media.Sdp;

namespace Inbox.Media.Tests.Sdp;

/// <summary>Parses a test description that must be valid, failing the test with the parser's reason otherwise.</summary>
internal static class SdpTestData
{
    public static SdpSessionDescription Parse(string text) =>
        SdpParser.TryParse(text, out var session, out var error) ? session : throw new InvalidOperationException(error);
}
