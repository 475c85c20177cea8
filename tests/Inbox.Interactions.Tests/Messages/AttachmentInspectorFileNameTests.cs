using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentInspectorFileNameTests
{
    private static readonly AttachmentLimits s_defaults = new();

    [Theory]
    [InlineData("../x.pdf")]
    [InlineData("a/b.pdf")]
    [InlineData("/etc/x.pdf")]
    [InlineData(@"..\x.pdf")]
    [InlineData(@"C:\Users\x.pdf")]
    [InlineData("C:x.pdf")]
    [InlineData("x.pdf:stream")]
    public void Inspect_NameWithPath_RefusedNamingPath(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{fileName}: the file name must not contain a path", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("in\nvoice.pdf", "in\uFFFDvoice.pdf")]
    [InlineData("invoice\0.pdf", "invoice\uFFFD.pdf")]
    [InlineData("\u001B[31minvoice.pdf", "\uFFFD[31minvoice.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoice\uFFFDfdp.exe")]
    [InlineData("invoice\u0085.pdf", "invoice\uFFFD.pdf")]
    public void Inspect_NameWithControlCharacters_RefusedShowingThemReplaced(string fileName, string shown)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{shown}: the file name contains control characters", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("invoice")]
    [InlineData("invoice.")]
    [InlineData("..")]
    public void Inspect_NameWithoutExtension_RefusedListingAllowed(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.StartsWith($"{fileName}: the file name has no extension (allowed: jpg, png, ", inspection.RefusalReason);
        Assert.EndsWith(", m4a, flac)", inspection.RefusalReason);
    }

    [Theory]
    [InlineData(".pdf")]
    [InlineData("..pdf")]
    [InlineData(" .pdf")]
    public void Inspect_NothingBeforeExtension_Refused(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{fileName}: the file name has nothing before the extension", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Inspect_BlankName_Refused(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal("the attachment has no file name", inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_NameLongerThan255_RefusedShowingItShortened()
    {
        var fileName = new string('a', 252) + ".pdf";

        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal(new string('a', 60) + "…: the file name is longer than 255 characters", inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_LongNameCutAtSurrogatePair_ShownWithoutHalfACharacter()
    {
        var fileName = new string('a', 59) + string.Concat(Enumerable.Repeat("👍", 100)) + ".pdf";

        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.Equal(new string('a', 59) + "…: the file name is longer than 255 characters", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("x.pdf")]
    [InlineData("Rechnung März 2026 (final).pdf")]
    [InlineData("..invoice.pdf")]
    [InlineData("a.b.c.pdf")]
    [InlineData("счёт.pdf")]
    public void Inspect_OrdinaryNames_Accepted(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, AttachmentSamples.Of("pdf"), s_defaults);

        Assert.True(inspection.IsAccepted, inspection.RefusalReason);
    }
}
