using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Parsing;

/// <summary>
/// Random mutations of valid messages: reading never throws, and a message that reads Ok yields typed headers or a
/// <see cref="SipFormatException"/> (which the server turns into 400), never another exception.
/// </summary>
public sealed class SipParserFuzzTests
{
    private const int MutationsPerSeed = 5000;

    private static readonly byte[] s_interesting = "\r\n:\";,<>@[]%\\ \t=?/0"u8.ToArray();

    public static TheoryData<string> Seeds() => ["invite-890.sip", "ok200-781.sip", "register", "options", "wsinv.sip"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryRead_RandomMutations_NeverThrowsUnexpected(string seed)
    {
        var original = LoadSeed(seed);
        // A fixed seed per message, so a failure names an iteration that reproduces.
        var random = new Random(seed.Length * 7919 + original.Length);
        var scratch = new SipMessageIndex();
        var buffer = new byte[original.Length * 3];

        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutated = Mutate(original, random);

            var failure = Check(mutated, scratch, buffer);

            Assert.True(failure is null, $"{seed} iteration {i}: {failure}\n{Convert.ToBase64String(mutated)}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryRead_EveryTruncation_NeverThrowsUnexpected(string seed)
    {
        var original = LoadSeed(seed);
        var scratch = new SipMessageIndex();
        var buffer = new byte[original.Length * 3];

        for (var length = 0; length <= original.Length; length++)
        {
            var failure = Check(original.AsSpan(0, length).ToArray(), scratch, buffer);

            Assert.True(failure is null, $"{seed} truncated to {length}: {failure}");
        }
    }

    private static byte[] LoadSeed(string seed) => seed switch
    {
        "register" => SipTestData.Crlf(SipTestData.Register),
        "options" => SipTestData.Crlf(SipTestData.Options),
        _ => SipTestData.Load(seed),
    };

    private static string? Check(byte[] data, SipMessageIndex scratch, byte[] buffer)
    {
        try
        {
            foreach (var isStream in new[] { false, true })
            {
                var status = SipMessageReader.TryRead(data, isStream, scratch, out var message, out _, out _);
                if (status is SipParseStatus.Ok or SipParseStatus.UnsupportedVersion)
                {
                    ReadTypedHeaders(message!);
                    if (!SipMessageWriter.TryWrite(message!, buffer, out var written))
                    {
                        return "TryWrite failed with a destination three times the input";
                    }

                    var again = SipParser.TryParse(buffer.AsSpan(0, written), scratch, isStream, out var error);
                    if (again != status)
                    {
                        return $"re-parse of the written message gave {again} ({error})";
                    }
                }
            }

            return null;
        }
        catch (Exception e)
        {
            return e.ToString();
        }
    }

    private static void ReadTypedHeaders(SipMessage message)
    {
        Read(() => message.CallId);
        Read(() => message.CSeq.ToString());
        Read(() => message.From.ToString() + message.From.Uri.AddressOfRecord);
        Read(() => message.To.ToString());
        Read(() => string.Join(",", message.Vias.Select(v => v.ToString() + v.RPort)));
        Read(() => string.Join(",", message.Contacts.Select(c => c.ToString())));
        Read(() => message.MaxForwards);
        Read(() => message.Expires);
        Read(() => message.ContentType);
        Read(() => message.HeaderLines().Count());
        Read(() => message.ToString());
        if (message is SipRequest request)
        {
            Read(() => request.MethodName + request.RequestUri + request.RequestUri.AddressOfRecord);
        }
        else if (message is SipResponse response)
        {
            Read(() => response.ReasonPhrase);
        }
    }

    private static void Read<T>(Func<T> read)
    {
        try
        {
            read();
        }
        catch (SipFormatException)
        {
            // The server answers 400 with this reason phrase: an allowed outcome.
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        var count = 1 + random.Next(4);
        for (var m = 0; m < count; m++)
        {
            var at = random.Next(data.Count + 1);
            switch (random.Next(8))
            {
                case 0 when at < data.Count:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when at < data.Count:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    DuplicateLine(data, at);
                    break;
                case 5:
                    data.Insert(at, s_interesting[random.Next(s_interesting.Length)]);
                    break;
                case 6 when at < data.Count:
                    data[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                default:
                    data.InsertRange(at, "\r\n "u8.ToArray());
                    break;
            }
        }

        return [.. data];
    }

    private static void DuplicateLine(List<byte> data, int at)
    {
        var start = at;
        while (start > 0 && data[start - 1] != '\n')
        {
            start--;
        }

        var end = at;
        while (end < data.Count && data[end] != '\n')
        {
            end++;
        }

        if (end < data.Count)
        {
            data.InsertRange(end + 1, data.GetRange(start, end - start + 1));
        }
    }
}
