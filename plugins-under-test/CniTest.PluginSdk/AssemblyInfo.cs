// Our plugins drive Linux processes, file locks and (in the bridge) netlink; they target Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
