using System.Text;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentInspectorTextTests
{
    private const string NotText = "notes.txt: the content is not plain text (UTF-8 or UTF-16)";

    private static readonly AttachmentLimits s_defaults = new();

    public static TheoryData<string, byte[]> ValidText => new()
    {
        { "ascii", "order 1234\n"u8.ToArray() },
        { "utf-8 with BOM", [0xEF, 0xBB, 0xBF, .. "Zoë\r\n"u8] },
        { "utf-8 only a BOM", [0xEF, 0xBB, 0xBF] },
        { "utf-8 emoji", Encoding.UTF8.GetBytes("thanks 👍\n") },
        { "utf-16 little-endian", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Zoë 👍\n")] },
        { "utf-16 big-endian", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("Zoë 👍\n")] },
    };

    public static TheoryData<string, byte[]> InvalidText => new()
    {
        { "NUL byte", "order\01234\n"u8.ToArray() },
        { "truncated UTF-8 sequence", [(byte)'Z', (byte)'o', 0xC3] },
        { "invalid UTF-8 continuation", [(byte)'a', 0xC3, 0x28] },
        { "Latin-1 é", [(byte)'c', (byte)'a', (byte)'f', 0xE9] },
        { "UTF-8 encoded surrogate", [0xED, 0xA0, 0x80] },
        { "overlong UTF-8 slash", [0xC0, 0xAF] },
        { "UTF-16 without BOM", Encoding.Unicode.GetBytes("hello") },
        { "UTF-16 odd length", [0xFF, 0xFE, (byte)'h', 0x00, (byte)'i'] },
        { "UTF-16 lone high surrogate", [0xFF, 0xFE, 0x3D, 0xD8, (byte)'a', 0x00] },
        { "UTF-16 lone low surrogate", [0xFF, 0xFE, 0x4D, 0xDC] },
        { "UTF-16 NUL character", [0xFE, 0xFF, 0x00, (byte)'a', 0x00, 0x00] },
    };

    [Theory]
    [MemberData(nameof(ValidText))]
    public void Inspect_TxtWithValidText_Accepted(string description, byte[] content)
    {
        var inspection = AttachmentInspector.Inspect("notes.txt", content, s_defaults);

        Assert.True(inspection.IsAccepted, $"{description}: {inspection.RefusalReason}");
        Assert.Equal("text/plain", inspection.MediaType);
    }

    [Theory]
    [MemberData(nameof(InvalidText))]
    public void Inspect_TxtWithInvalidTextOrNul_Refused(string description, byte[] content)
    {
        var inspection = AttachmentInspector.Inspect("notes.txt", content, s_defaults);

        Assert.False(inspection.IsAccepted, description);
        Assert.Equal(NotText, inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_CsvWithNul_RefusedAsCsv()
    {
        var inspection = AttachmentInspector.Inspect("export.csv", "a,b\n1,\0\n"u8, s_defaults);

        Assert.Equal("export.csv: the content is not CSV text (UTF-8 or UTF-16)", inspection.RefusalReason);
    }
}
