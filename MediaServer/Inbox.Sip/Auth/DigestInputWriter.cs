using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Inbox.Sip.Auth;

/// <summary>
/// Joins the UTF-8 parts of a digest input (<c>a:b:c</c>) in caller stack memory, renting from
/// <see cref="ArrayPool{T}"/> only for oversized input. The bytes may include a password, so they are zeroed
/// on <see cref="Dispose"/>.
/// </summary>
internal ref struct DigestInputWriter
{
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    public DigestInputWriter(Span<byte> initial)
    {
        _buffer = initial;
        _rented = null;
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Append(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer[_length..]);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }

    public void AppendColon()
    {
        Ensure(1);
        _buffer[_length++] = (byte)':';
    }

    /// <summary>Zeroes what was written and starts again, keeping any rented buffer.</summary>
    public void Reset()
    {
        CryptographicOperations.ZeroMemory(_buffer[.._length]);
        _length = 0;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer[.._length]);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Ensure(int additional)
    {
        if (_length + additional <= _buffer.Length)
        {
            return;
        }

        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_length + additional, _buffer.Length * 2));
        _buffer[.._length].CopyTo(next);
        CryptographicOperations.ZeroMemory(_buffer[.._length]);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }

        _rented = next;
        _buffer = next;
    }
}
