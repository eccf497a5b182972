// cnitest drives Linux network namespaces, netlink and Unix processes; it targets Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
