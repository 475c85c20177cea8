using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Messages;

public sealed class AttachmentInspectorAllocationTests
{
    [Theory]
    [InlineData("photo.PNG", "png")]
    [InlineData("logo.svg", "svg")]
    [InlineData("notes.txt", "txt")]
    [InlineData("letter.docx", "docx")]
    [InlineData("voice.mp3", "mp3")]
    public void Inspect_AcceptedAfterWarmUp_AllocatesNothing(string fileName, string sample)
    {
        var content = AttachmentSamples.Of(sample);
        var limits = new AttachmentLimits();
        for (var i = 0; i < 100; i++)
        {
            AttachmentInspector.Inspect(fileName, content, limits);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var accepted = true;
        for (var i = 0; i < 1000; i++)
        {
            accepted &= AttachmentInspector.Inspect(fileName, content, limits).IsAccepted;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(accepted);
        Assert.Equal(0, allocated);
    }
}
