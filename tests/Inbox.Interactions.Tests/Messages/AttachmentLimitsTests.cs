using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentLimitsTests
{
    [Theory]
    [InlineData(AttachmentKind.Image, 5 * 1024 * 1024)]
    [InlineData(AttachmentKind.Video, 16 * 1024 * 1024)]
    [InlineData(AttachmentKind.Document, 100 * 1024 * 1024)]
    [InlineData(AttachmentKind.Audio, 16 * 1024 * 1024)]
    public void MaxBytesFor_Defaults_SpecLimits(AttachmentKind kind, long expected)
    {
        var limits = new AttachmentLimits();

        var max = limits.MaxBytesFor(kind);

        Assert.Equal(expected, max);
    }

    [Theory]
    [InlineData(AttachmentKind.Image, 1)]
    [InlineData(AttachmentKind.Video, 2)]
    [InlineData(AttachmentKind.Document, 3)]
    [InlineData(AttachmentKind.Audio, 4)]
    public void MaxBytesFor_Configured_ThatKindsLimit(AttachmentKind kind, long expected)
    {
        var limits = new AttachmentLimits { MaxImageBytes = 1, MaxVideoBytes = 2, MaxDocumentBytes = 3, MaxAudioBytes = 4 };

        var max = limits.MaxBytesFor(kind);

        Assert.Equal(expected, max);
    }

    [Fact]
    public void MaxBytesFor_UndefinedKind_Throws()
    {
        var limits = new AttachmentLimits();

        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxBytesFor((AttachmentKind)42));
    }

    [Fact]
    public void Init_NegativeLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttachmentLimits { MaxVideoBytes = -1 });
    }
}
