using System.Diagnostics;

namespace CniTest.Integration.Tests.Support;

/// <summary>
/// The machine's own network state (links, addresses, routes, iptables, nft) as text, to prove a test left it
/// exactly as it found it. Read-only: it only runs ip/iptables-save/nft list.
/// </summary>
public static class HostSnapshot
{
    public static string Take() => string.Join("\n---\n",
        Run("ip", "-o", "link", "show"),
        Run("ip", "-o", "addr", "show"),
        Run("ip", "route", "show", "table", "all"),
        Strip(Run("iptables-save")),
        Run("nft", "list", "ruleset"));

    private static string Strip(string iptablesSave) =>
        string.Join('\n', iptablesSave.Split('\n').Where(l => !l.StartsWith('#')).Select(l => l.StartsWith(':') ? l.Split(' ')[0] : l));

    private static string Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"({file} not installed)";
        }
    }
}
