using System.Diagnostics;
using System.Text;
using CniTest.PluginSdk.Errors;

namespace CniTest.Bridge.Masquerade;

/// <summary>Runs iptables-save/-restore; the only external programs the bridge runs besides IPAM.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>, feeding <paramref name="stdin"/>; returns stdout.</summary>
    /// <exception cref="CniPluginException">Non-zero exit (stderr in the details) or the program is missing.</exception>
    public static string Run(string file, IReadOnlyList<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CniPluginException(CniErrorCodes.Internal, $"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CniPluginException(CniErrorCodes.Internal, $"could not run {file}: {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var command = new StringBuilder(file);
                foreach (var argument in arguments)
                {
                    command.Append(' ').Append(argument);
                }

                throw new CniPluginException(CniErrorCodes.Internal, $"{command} failed (exit status {process.ExitCode})", stderr.GetAwaiter().GetResult().Trim());
            }

            return stdout.GetAwaiter().GetResult();
        }
    }
}
