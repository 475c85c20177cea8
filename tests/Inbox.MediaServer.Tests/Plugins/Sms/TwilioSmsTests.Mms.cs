using System.Net;
using Inbox.MediaServer.Tests.Plugins.Meta;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Sms;

/// <summary>
/// Incoming MMS: the plugin fetches each MediaUrl from the stub's Media resource with HTTP Basic, follows its
/// redirect to the media host without the credentials, and files the files with the text; a file it cannot fetch
/// becomes a note in the text and loses nothing else.
/// </summary>
public sealed partial class TwilioSmsTests
{
    private const string Customer = "+5511999990020";

    [Fact]
    public async Task Mms_TextAndTwoImages_AgentSeesBothFilesWithTheirBytesAndTypes()
    {
        await StartServerAsync(PublicUrl);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        var photo = _twilio.AddMedia("MMin20", TinyFiles.Jpeg, "image/jpeg");
        var label = _twilio.AddMedia("MMin20", TinyFiles.Png, "image/png");

        var inbound = await PostInboundAsync(TwilioStub.Mms("MMin20", Customer, "The parcel arrived crushed.", (photo, "image/jpeg"), (label, "image/png")));
        var message = await SingleMessageAsync(carla);
        var files = new List<V1.GetAttachmentResponse>();
        foreach (var attachment in message.Attachments)
        {
            files.Add(await carla.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = attachment.DownloadPath }, carla.Auth));
        }

        Assert.Equal(HttpStatusCode.OK, inbound.StatusCode);
        Assert.Equal("The parcel arrived crushed.", message.Text);
        Assert.Empty(message.FailureReason);
        Assert.Equal(
            [(MediaSid(photo) + ".jpg", "image/jpeg", TinyFiles.Jpeg), (MediaSid(label) + ".png", "image/png", TinyFiles.Png)],
            files.Select(f => (f.FileName, f.MediaType, f.Content.ToByteArray())));
        Assert.All(message.Attachments, a => Assert.Equal(V1.AttachmentKind.Image, a.Kind));
        Assert.Equal([null, null], _twilio.MediaHostAuthorizations);
    }

    [Fact]
    public async Task Mms_OneFileMissingOneTooLarge_MessageFiledWithTheRestAndANoteForEach()
    {
        await StartServerAsync(PublicUrl, maxMediaBytes: 1024);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        var photo = _twilio.AddMedia("MMin21", TinyFiles.Png, "image/png");
        var deleted = _twilio.AddMedia("MMin21", TinyFiles.Png, "image/png").Replace("/Messages/MMin21/", "/Messages/MMgone/", StringComparison.Ordinal);
        var video = _twilio.AddMedia("MMin21", [.. TinyFiles.Png, .. new byte[2048]], "image/png");

        var inbound = await PostInboundAsync(
            TwilioStub.Mms("MMin21", Customer, "Photos of the box", (photo, "image/png"), (deleted, "image/png"), (video, "image/png")));
        var message = await SingleMessageAsync(carla);

        Assert.Equal(HttpStatusCode.OK, inbound.StatusCode);
        Assert.Equal(MediaSid(photo) + ".png", Assert.Single(message.Attachments).FileName);
        Assert.Equal(
            [
                "Photos of the box",
                $"[MMS file 2 of 3 ({MediaSid(deleted)}.png) could not be fetched: Twilio answered 404 (Not Found)]",
                $"[MMS file 3 of 3 ({MediaSid(video)}.png) could not be fetched: it is larger than the channel's limit of 1024 bytes (MaxMediaBytes)]",
            ],
            message.Text.Split('\n'));
    }

    [Fact]
    public async Task Mms_MediaUrlOffTwilioApiHost_RefusedUnfetchedAndNamedInTheText()
    {
        await StartServerAsync(PublicUrl);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        var elsewhere = $"{_twilio.MediaHostUrl}{TwilioStub.AccountSid}/MMin22-ME1";
        var photo = _twilio.AddMedia("MMin22", TinyFiles.Png, "image/png");

        var inbound = await PostInboundAsync(TwilioStub.Mms("MMin22", Customer, string.Empty, (elsewhere, "image/png"), (photo, "image/png")));
        var message = await SingleMessageAsync(carla);

        Assert.Equal(HttpStatusCode.OK, inbound.StatusCode);
        Assert.Equal(
            $"[MMS file 1 of 2 (mms-1.png) could not be fetched: its URL is on {new Uri(elsewhere).Authority}, not on Twilio's API host {new Uri(_twilio.Url).Authority}]",
            message.Text);
        Assert.Equal(MediaSid(photo) + ".png", Assert.Single(message.Attachments).FileName);

        // Only the redirected fetch of the second file reached the media host, and without the credentials.
        Assert.Equal([null], _twilio.MediaHostAuthorizations);
    }

    private static string MediaSid(string mediaUrl) => mediaUrl[(mediaUrl.LastIndexOf('/') + 1)..];

    private Task<HttpResponseMessage> PostInboundAsync(List<KeyValuePair<string, string>> parameters) =>
        TwilioStub.PostAsync(Webhook("inbound"), parameters, PublicUrl + "/channels/sms/inbound");

    private static async Task<V1.Message> SingleMessageAsync(AgentApi agent)
    {
        var pending = Assert.Single((await agent.Interactions.ListPendingAsync(new V1.ListPendingRequest(), agent.Auth)).Interactions);
        return Assert.Single((await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, agent.Auth)).Messages);
    }
}
