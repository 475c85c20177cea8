using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// Visitors, one JSON file each under <c>{DataDirectory}/visitors/</c>, so sessions and undelivered agent messages
/// survive a server restart. A visitor's id is derived from a hash of her token: the token finds her file without an
/// index, and the id (shown to agents as her address) tells nothing that would let anyone forge the token.
/// Thread-safe; a visitor's file is written only under her <see cref="Visitor.Gate"/>, taken with
/// <see cref="EnterAsync"/> and released with <see cref="Leave"/>.
/// </summary>
internal sealed class VisitorStore
{
    private const string IdPrefix = "web-";
    private const int IdHashLength = 20;

    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdef");

    private readonly string _folder;

    // The visitors with a tab open (and any being written to while away): live sockets must be found from her id.
    // Each is let go when her last tab closes, so memory follows who is online, not everyone since start.
    private readonly ConcurrentDictionary<string, Visitor> _visitors = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();

    public VisitorStore(string dataDirectory)
    {
        _folder = Path.Combine(dataDirectory, "visitors");
        Directory.CreateDirectory(_folder);
    }

    /// <summary>
    /// A new visitor and the token she keeps to come back. Her file is written with her first message, so sockets
    /// that only say hello leave nothing on disk.
    /// </summary>
    public (string Token, Visitor Visitor) Create(string? name, string? email, string? phone, string? page)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = HashOf(token);
        var visitor = new Visitor(new VisitorRecord(IdPrefix + hash[..IdHashLength], hash, name, email, phone, page, 0, []));
        _visitors[visitor.Id] = visitor;
        return (token, visitor);
    }

    /// <summary>The visitor holding <paramref name="token"/>, or null for a token never issued.</summary>
    public Visitor? FindByToken(string token)
    {
        var hash = HashOf(token);
        var visitor = Find(IdPrefix + hash[..IdHashLength]);

        // The id holds only part of the hash: the whole must match, compared in constant time.
        return visitor is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(visitor.Record.TokenHash), Encoding.ASCII.GetBytes(hash))
            ? visitor
            : null;
    }

    /// <summary>The visitor with id <paramref name="visitorId"/> (her customer address), or null.</summary>
    public Visitor? Find(string visitorId)
    {
        if (!IsVisitorId(visitorId))
        {
            return null;
        }

        if (_visitors.TryGetValue(visitorId, out var cached))
        {
            return cached;
        }

        // Loading is rare (once per visitor per run) and the files small: read under a plain lock.
        lock (_loading)
        {
            if (_visitors.TryGetValue(visitorId, out cached))
            {
                return cached;
            }

            var path = PathOf(visitorId);
            if (!File.Exists(path))
            {
                return null;
            }

            var record = JsonSerializer.Deserialize<VisitorRecord>(File.ReadAllBytes(path), WebChatJson.Options)
                ?? throw new InvalidDataException($"{path} holds no visitor.");
            return _visitors[visitorId] = new Visitor(record);
        }
    }

    /// <summary>The visitor with id <paramref name="visitorId"/> if she is held in memory (online now), else null.</summary>
    public Visitor? FindOnline(string visitorId) => _visitors.GetValueOrDefault(visitorId);

    /// <summary>Visitors held in memory: those online now, and any an agent's message is being written to.</summary>
    public int Count => _visitors.Count;

    /// <summary>
    /// Takes the gate of the visitor <paramref name="find"/> returns, or returns null when it finds none. One let go
    /// while this waited for her gate is found again, so changes are always made to the instance the store holds.
    /// The wait is not cancelled: a gate is held for one write and sends that time out by themselves, and a wait given
    /// up would leave a visitor just read from her file in memory, never let go.
    /// </summary>
    public static async Task<Visitor?> EnterAsync(Func<Visitor?> find)
    {
        while (find() is { } visitor)
        {
            await visitor.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (!visitor.LetGo)
            {
                return visitor;
            }

            visitor.Gate.Release();
        }

        return null;
    }

    /// <summary>
    /// Releases her gate. With no tab of hers open she is let go from memory: her file keeps her, and she is read
    /// from it again when she comes back or an agent writes to her.
    /// </summary>
    public void Leave(Visitor visitor)
    {
        if (visitor.Connections.Count == 0 && !visitor.LetGo)
        {
            visitor.LetGo = true;
            _visitors.TryRemove(KeyValuePair.Create(visitor.Id, visitor));
        }

        visitor.Gate.Release();
    }

    /// <summary>
    /// Writes her record; the caller holds her gate. Written aside and renamed, so a crash never leaves half a file;
    /// never cut short, since memory would be left ahead of the file and the change lost once she is let go.
    /// </summary>
    public async Task SaveAsync(Visitor visitor)
    {
        var path = PathOf(visitor.Id);
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, visitor.Record, WebChatJson.Options).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // Only ids this store minted reach the disk: an address never becomes a path outside the folder.
    private static bool IsVisitorId(string id) =>
        id.Length == IdPrefix.Length + IdHashLength && id.StartsWith(IdPrefix, StringComparison.Ordinal) && !id.AsSpan(IdPrefix.Length).ContainsAnyExcept(s_hexDigits);

    private string PathOf(string visitorId) => Path.Combine(_folder, visitorId + ".json");
}
