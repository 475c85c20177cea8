using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Inbox.Media.Sdp;

internal static partial class SdpParser
{
    /// <summary>What the parser has read so far; it becomes the session once the required lines are checked.</summary>
    private sealed class State
    {
        public bool HasVersion { get; set; }

        public SdpOrigin? Origin { get; set; }

        public string? SessionName { get; set; }

        public SdpConnection? Connection { get; set; }

        public string? Timing { get; set; }

        public SdpDirection? Direction { get; set; }

        public List<SdpAttribute> Attributes { get; } = [];

        public List<SdpLine> OtherLines { get; } = [];

        public List<SdpMedia> AllMedia { get; } = [];

        public SdpMedia? Media { get; private set; }

        public void StartMedia(SdpMedia media)
        {
            AllMedia.Add(media);
            Media = media;
        }

        public bool TryFinish([NotNullWhen(true)] out SdpSessionDescription? session, [NotNullWhen(false)] out string? error)
        {
            session = null;
            error = !HasVersion ? "missing v= line"
                : Origin is null ? "missing o= line"
                : SessionName is null ? "missing s= line"
                : Timing is null ? "missing t= line"
                : null;
            if (error is not null)
            {
                return false;
            }

            for (var i = 0; i < AllMedia.Count; i++)
            {
                // RFC 8866 §5.7: every media needs a c= line of its own or at session level. A rejected stream
                // (port 0) carries no media, so some stacks leave it out there; that is tolerated.
                var media = AllMedia[i];
                if (media.Connection is null && Connection is null && media.Port != 0)
                {
                    error = string.Create(
                        CultureInfo.InvariantCulture,
                        $"media {i + 1} (m={media.MediaType} {media.Port}): missing c= line at session and media level");
                    return false;
                }
            }

            session = new SdpSessionDescription
            {
                Origin = Origin!,
                SessionName = SessionName!,
                Connection = Connection,
                Timing = Timing!,
                Direction = Direction,
            };
            session.Attributes.AddRange(Attributes);
            session.OtherLines.AddRange(OtherLines);
            session.Media.AddRange(AllMedia);
            return true;
        }
    }
}
