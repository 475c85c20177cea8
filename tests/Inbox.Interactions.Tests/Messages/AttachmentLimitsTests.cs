using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentLimitsTests
{
    [Theory]
    [InlineData("Image", 5 * 1024 * 1024)]
    [InlineData("Video", 16 * 1024 * 1024)]
    [InlineData("Document", 100 * 1024 * 1024)]
    [InlineData("Audio", 16 * 1024 * 1024)]
    public void MaxBytesFor_Defaults_SpecLimits(string kindName, long expected)
    {
        var kind = Enum.Parse<AttachmentKind>(kindName);
        var limits = new AttachmentLimits();

        var max = limits.MaxBytesFor(kind);

        Assert.Equal(expected, max);
    }

    [Theory]
    [InlineData("Image", 1)]
    [InlineData("Video", 2)]
    [InlineData("Document", 3)]
    [InlineData("Audio", 4)]
    public void MaxBytesFor_Configured_ThatKindsLimit(string kindName, long expected)
    {
        var kind = Enum.Parse<AttachmentKind>(kindName);
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
