using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentInspectorTests
{
    private const string AllowedList =
        "jpg, png, jpeg, gif, webp, svg, webm, mp4, mov, txt, pdf, rar, zip, doc, docx, xls, csv, xlsx, mp3, wav, ogg, aac, m4a, flac";

    private static readonly AttachmentLimits s_defaults = new();

    [Theory]
    [InlineData("photo.jpg", "jpg", "Image", "image/jpeg")]
    [InlineData("photo.jpeg", "jpg", "Image", "image/jpeg")]
    [InlineData("photo.png", "png", "Image", "image/png")]
    [InlineData("anim.gif", "gif", "Image", "image/gif")]
    [InlineData("old.gif", "gif87", "Image", "image/gif")]
    [InlineData("photo.webp", "webp", "Image", "image/webp")]
    [InlineData("logo.svg", "svg", "Image", "image/svg+xml")]
    [InlineData("clip.webm", "webm", "Video", "video/webm")]
    [InlineData("clip.mp4", "mp4", "Video", "video/mp4")]
    [InlineData("clip.mov", "mov", "Video", "video/quicktime")]
    [InlineData("old.mov", "mov-legacy", "Video", "video/quicktime")]
    [InlineData("notes.txt", "txt", "Document", "text/plain")]
    [InlineData("invoice.pdf", "pdf", "Document", "application/pdf")]
    [InlineData("logs.rar", "rar", "Document", "application/vnd.rar")]
    [InlineData("old.rar", "rar4", "Document", "application/vnd.rar")]
    [InlineData("logs.zip", "zip", "Document", "application/zip")]
    [InlineData("nothing.zip", "zip-empty", "Document", "application/zip")]
    [InlineData("letter.doc", "doc", "Document", "application/msword")]
    [InlineData("letter.docx", "docx", "Document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("sheet.xls", "xls", "Document", "application/vnd.ms-excel")]
    [InlineData("export.csv", "csv", "Document", "text/csv")]
    [InlineData("sheet.xlsx", "xlsx", "Document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("voice.mp3", "mp3", "Audio", "audio/mpeg")]
    [InlineData("untagged.mp3", "mp3-frame", "Audio", "audio/mpeg")]
    [InlineData("voice.wav", "wav", "Audio", "audio/wav")]
    [InlineData("voice.ogg", "ogg", "Audio", "audio/ogg")]
    [InlineData("voice.aac", "aac", "Audio", "audio/aac")]
    [InlineData("adif.aac", "aac-adif", "Audio", "audio/aac")]
    [InlineData("voice.m4a", "m4a", "Audio", "audio/mp4")]
    [InlineData("voice.flac", "flac", "Audio", "audio/flac")]
    public void Inspect_ContentMatchesExtension_AcceptedWithKindAndMediaType(
        string fileName, string sample, string kindName, string mediaType)
    {
        var kind = Enum.Parse<AttachmentKind>(kindName);
        var content = AttachmentSamples.Of(sample);

        var inspection = AttachmentInspector.Inspect(fileName, content, s_defaults);

        Assert.True(inspection.IsAccepted, inspection.RefusalReason);
        Assert.Equal(kind, inspection.Kind);
        Assert.Equal(mediaType, inspection.MediaType);
        Assert.Null(inspection.RefusalReason);
    }

    [Theory]
    [InlineData("photo.jpg", "exe", "a JPEG image")]
    [InlineData("photo.jpeg", "gif", "a JPEG image")]
    [InlineData("photo.png", "jpg", "a PNG image")]
    [InlineData("anim.gif", "png", "a GIF image")]
    [InlineData("photo.webp", "wav", "a WebP image")]
    [InlineData("logo.svg", "html", "an SVG image")]
    [InlineData("clip.webm", "mp4", "a WebM video")]
    [InlineData("clip.mp4", "png", "an MP4 video")]
    [InlineData("clip.mov", "pdf", "a QuickTime video")]
    [InlineData("notes.txt", "png", "plain text (UTF-8 or UTF-16)")]
    [InlineData("invoice.pdf", "png", "a PDF document")]
    [InlineData("logs.rar", "zip", "a RAR archive")]
    [InlineData("logs.zip", "rar", "a ZIP archive")]
    [InlineData("letter.doc", "docx", "a Word document")]
    [InlineData("letter.docx", "xlsx", "a Word document")]
    [InlineData("letter.docx", "zip", "a Word document")]
    [InlineData("letter.docx", "doc", "a Word document")]
    [InlineData("sheet.xls", "zip", "an Excel workbook")]
    [InlineData("export.csv", "exe", "CSV text (UTF-8 or UTF-16)")]
    [InlineData("sheet.xlsx", "docx", "an Excel workbook")]
    [InlineData("voice.mp3", "wav", "MP3 audio")]
    [InlineData("voice.mp3", "aac", "MP3 audio")]
    [InlineData("voice.wav", "webp", "WAV audio")]
    [InlineData("voice.ogg", "flac", "Ogg audio")]
    [InlineData("voice.aac", "mp3-frame", "AAC audio")]
    [InlineData("voice.m4a", "mp3", "MPEG-4 audio")]
    [InlineData("voice.flac", "ogg", "FLAC audio")]
    public void Inspect_ContentOfAnotherFormat_RefusedNamingFileAndFormat(string fileName, string sample, string description)
    {
        var content = AttachmentSamples.Of(sample);

        var inspection = AttachmentInspector.Inspect(fileName, content, s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{fileName}: the content is not {description}", inspection.RefusalReason);
        Assert.Equal("", inspection.MediaType);
    }

    [Theory]
    [InlineData("PHOTO.JPG", "jpg", "image/jpeg")]
    [InlineData("Scan.Pdf", "pdf", "application/pdf")]
    [InlineData("CLIP.MOV", "mov", "video/quicktime")]
    [InlineData("Report.DOCX", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Inspect_UpperCaseExtension_Accepted(string fileName, string sample, string mediaType)
    {
        var content = AttachmentSamples.Of(sample);

        var inspection = AttachmentInspector.Inspect(fileName, content, s_defaults);

        Assert.True(inspection.IsAccepted, inspection.RefusalReason);
        Assert.Equal(mediaType, inspection.MediaType);
    }

    [Theory]
    [InlineData("photo.bmp", "png", ".bmp")]
    [InlineData("setup.exe", "exe", ".exe")]
    [InlineData("photo.jpg.exe", "exe", ".exe")]
    [InlineData("page.HTML", "html", ".HTML")]
    public void Inspect_ExtensionNotAllowed_RefusedListingAllowedExtensions(string fileName, string sample, string extension)
    {
        var content = AttachmentSamples.Of(sample);

        var inspection = AttachmentInspector.Inspect(fileName, content, s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{fileName}: {extension} files are not allowed (allowed: {AllowedList})", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.png")]
    public void Inspect_EmptyContent_RefusedAsEmpty(string fileName)
    {
        var inspection = AttachmentInspector.Inspect(fileName, [], s_defaults);

        Assert.False(inspection.IsAccepted);
        Assert.Equal($"{fileName}: the file is empty", inspection.RefusalReason);
    }

    [Theory]
    [InlineData("photo.png", "png", 2048, "photo.png: 2.1 KB exceeds the 2 KB limit for images")]
    [InlineData("clip.mp4", "mp4", 3072, "clip.mp4: 3.1 KB exceeds the 3 KB limit for video")]
    [InlineData("invoice.pdf", "pdf", 4096, "invoice.pdf: 4.1 KB exceeds the 4 KB limit for documents")]
    [InlineData("voice.ogg", "ogg", 1024, "voice.ogg: 1.1 KB exceeds the 1 KB limit for audio")]
    public void Inspect_OneByteOverTheKindsLimit_RefusedWithSizes(string fileName, string sample, int limit, string reason)
    {
        var limits = new AttachmentLimits { MaxImageBytes = 2048, MaxVideoBytes = 3072, MaxDocumentBytes = 4096, MaxAudioBytes = 1024 };
        var atLimit = AttachmentSamples.Padded(sample, limit);
        var overLimit = AttachmentSamples.Padded(sample, limit + 1);

        var accepted = AttachmentInspector.Inspect(fileName, atLimit, limits);
        var refused = AttachmentInspector.Inspect(fileName, overLimit, limits);

        Assert.True(accepted.IsAccepted, accepted.RefusalReason);
        Assert.False(refused.IsAccepted);
        Assert.Equal(reason, refused.RefusalReason);
    }

    [Theory]
    [InlineData("clip.mp4", "mp4", 20 * 1024 * 1024, "clip.mp4: 20.0 MB exceeds the 16 MB limit for video")]
    [InlineData("photo.png", "png", (5 * 1024 * 1024) + 1, "photo.png: 5.1 MB exceeds the 5 MB limit for images")]
    [InlineData("voice.flac", "flac", (16 * 1024 * 1024) + 1, "voice.flac: 16.1 MB exceeds the 16 MB limit for audio")]
    public void Inspect_OverDefaultLimit_RefusedInMegabytes(string fileName, string sample, int size, string reason)
    {
        var content = AttachmentSamples.Padded(sample, size);

        var inspection = AttachmentInspector.Inspect(fileName, content, s_defaults);

        Assert.Equal(reason, inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_LimitUnderOneKilobyte_RefusedInBytes()
    {
        var limits = new AttachmentLimits { MaxImageBytes = 100 };
        var content = AttachmentSamples.Padded("png", 101);

        var inspection = AttachmentInspector.Inspect("photo.png", content, limits);

        Assert.Equal("photo.png: 101 bytes exceeds the 100-byte limit for images", inspection.RefusalReason);
    }

    [Fact]
    public void Inspect_TooLargeAndWrongContent_RefusedForSizeWithoutReadingContent()
    {
        var limits = new AttachmentLimits { MaxDocumentBytes = 1024 };
        var content = AttachmentSamples.Padded("png", 2048);

        var inspection = AttachmentInspector.Inspect("invoice.pdf", content, limits);

        Assert.Equal("invoice.pdf: 2.0 KB exceeds the 1 KB limit for documents", inspection.RefusalReason);
    }
}
