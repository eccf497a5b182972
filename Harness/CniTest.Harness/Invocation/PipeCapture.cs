namespace CniTest.Harness.Invocation;

/// <summary>
/// Reads a child's output pipe to its end in the background, so that a bounded drain can still return every byte
/// received so far when something else keeps the pipe open.
/// </summary>
internal sealed class PipeCapture
{
    private readonly MemoryStream _buffer = new();
    private readonly Task _pump;

    public PipeCapture(Stream stream)
    {
        _pump = PumpAsync(stream);
    }

    /// <summary>Completes when every capture has reached end-of-file.</summary>
    public static Task EndedAsync(params PipeCapture[] captures) => Task.WhenAll(captures.Select(c => c._pump));

    /// <summary>Everything each capture has read so far.</summary>
    public static byte[][] Snapshot(params PipeCapture[] captures) => captures.Select(c => c.Snapshot()).ToArray();

    private byte[] Snapshot()
    {
        lock (_buffer)
        {
            return _buffer.ToArray();
        }
    }

    private async Task PumpAsync(Stream stream)
    {
        // Rented, not allocated: two captures per plugin call would otherwise allocate 32 KB each time.
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await stream.ReadAsync(chunk)) > 0)
            {
                lock (_buffer)
                {
                    _buffer.Write(chunk, 0, n);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us after a kill: what was read is what the plugin wrote.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
