using Microsoft.Win32.SafeHandles;

namespace CniTest.PluginSdk.Hosting;

/// <summary>
/// stdin/stdout as plain file streams on fd 0/1. Console's streams initialise the terminal on their first write
/// (a SIGCHLD/SIGCONT handling thread, a pipe, termios probes): a thread start and ~0.1 ms of every plugin call,
/// for a process whose stdout is a pipe to the runtime. Terminals, files and unusable descriptors keep Console's
/// streams.
/// </summary>
internal static class StandardStreams
{
    // A terminal (someone trying the plugin by hand) keeps Console's handling.
    public static Stream Input() => (Console.IsInputRedirected ? Open(0, FileAccess.Read) : null) ?? Console.OpenStandardInput();

    public static Stream Output() => (Console.IsOutputRedirected ? Open(1, FileAccess.Write) : null) ?? Console.OpenStandardOutput();

    private static FileStream? Open(int fd, FileAccess access)
    {
        try
        {
            // Only pipes and sockets: on a regular file FileStream uses pread/pwrite at its own offset, which leaves
            // the shared file offset behind (a shell appending after us would overwrite our output).
            var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), access, bufferSize: 0);
            if (!stream.CanSeek)
            {
                return stream;
            }

            stream.Dispose();
            return null;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
