using System.Net.Sockets;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// Sends a datagram again until the answer came: the first packet onto a link created a moment ago can be lost
/// (carrier not yet up, a neighbour not yet resolved), and one lost datagram must not become a verdict. A working
/// path still answers the first copy; a broken one gets a copy every 250 ms until the probe's bound.
/// </summary>
internal static class Resend
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Calls <paramref name="send"/> every <see cref="Interval"/> until <paramref name="stop"/> is cancelled.</summary>
    public static async Task UntilAsync(Func<CancellationToken, ValueTask<int>> send, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, stop);
                await send(stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            // the first send's error is what the probe reports; later ones add nothing
        }
    }
}
