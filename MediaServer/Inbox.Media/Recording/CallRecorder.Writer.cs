namespace Inbox.Media.Recording;

internal sealed partial class CallRecorder
{
    private async Task WriteLoopAsync()
    {
        var reader = _filled.Reader;
        var sinceRefresh = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var buffer))
            {
                try
                {
                    if (_failed || _dataBytes + _frameBytes > WavHeader.MaxDataBytes)
                    {
                        Interlocked.Increment(ref _dropped);
                        continue;
                    }

                    await _stream.WriteAsync(buffer.AsMemory(0, _frameBytes)).ConfigureAwait(false);
                    _dataBytes += _frameBytes;
                    Interlocked.Increment(ref _framesWritten);
                    if (++sinceRefresh >= RefreshFrames)
                    {
                        sinceRefresh = 0;
                        await WriteSizesAsync().ConfigureAwait(false);
                    }
                }
                catch (IOException exception)
                {
                    // Disk full or gone: stop writing, keep draining so the call goes on unaffected.
                    _failed = true;
                    CallRecorderLog.WriteFailed(_logger, exception, Path);
                }
                finally
                {
                    _free.Writer.TryWrite(buffer);
                }
            }
        }
    }

    private async Task CloseCoreAsync()
    {
        _closed = true;
        _filled.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        try
        {
            if (!_failed)
            {
                await WriteSizesAsync().ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException exception)
        {
            _failed = true;
            CallRecorderLog.WriteFailed(_logger, exception, Path);
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        CallRecorderLog.Closed(_logger, Path, FramesWritten, DroppedFrames);
    }

    /// <summary>Rewrites the RIFF and data sizes for what is on disk, then returns to the end of the file.</summary>
    private async Task WriteSizesAsync()
    {
        var header = _header;
        WavHeader.Write(header, SampleRate, Channels, _dataBytes);
        var end = _stream.Position;
        _stream.Seek(WavHeader.RiffSizeOffset, SeekOrigin.Begin);
        await _stream.WriteAsync(header.AsMemory(WavHeader.RiffSizeOffset, 4)).ConfigureAwait(false);
        _stream.Seek(WavHeader.DataSizeOffset, SeekOrigin.Begin);
        await _stream.WriteAsync(header.AsMemory(WavHeader.DataSizeOffset, 4)).ConfigureAwait(false);
        _stream.Seek(end, SeekOrigin.Begin);
    }
}
