// rtnetlink, setns and /proc/sys/net exist only on Linux; every public type here is Linux-only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
