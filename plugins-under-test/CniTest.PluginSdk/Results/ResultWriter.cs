using System.Text.Json;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Versioning;

namespace CniTest.PluginSdk.Results;

/// <summary>
/// Prints a 1.1.0-shaped <see cref="CniResult"/> in the shape of the request's version (P15, P16; checklist
/// §3.4 and the conversion rules of R42). Hand-written with <see cref="Utf8JsonWriter"/>: no reflection (AOT).
/// </summary>
public static partial class ResultWriter
{
    /// <summary>Writes the result followed by a newline.</summary>
    public static void Write(Stream output, CniResult result, string cniVersion)
    {
        using (var writer = new Utf8JsonWriter(output, JsonOutput.Indented))
            Write(writer, result, cniVersion);
        output.WriteByte((byte)'\n');
    }

    /// <summary>The result as UTF-8 JSON bytes (indented, no trailing newline).</summary>
    public static byte[] ToUtf8Bytes(CniResult result, string cniVersion)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Indented))
            Write(writer, result, cniVersion);
        return buffer.ToArray();
    }

    /// <summary>Writes the result object with <c>cniVersion</c> = <paramref name="cniVersion"/>.</summary>
    public static void Write(Utf8JsonWriter writer, CniResult result, string cniVersion)
    {
        switch (CniVersions.FamilyOf(cniVersion))
        {
            case ResultFamily.V020:
                WriteV020(writer, result, cniVersion);
                break;
            case ResultFamily.V040:
                WriteV040(writer, result, cniVersion);
                break;
            default:
                WriteV100(writer, result, cniVersion);
                break;
        }
    }

    /// <summary>0.3.0/0.3.1/0.4.0: <c>ips[].version</c> from the address; 1.1-only fields dropped; <c>dns</c> always present (§5.15).</summary>
    private static void WriteV040(Utf8JsonWriter w, CniResult result, string cniVersion)
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", cniVersion);
        WriteInterfaces(w, result, withV11Fields: false);
        w.WriteStartArray("ips");
        foreach (var ip in result.Ips)
        {
            w.WriteStartObject();
            w.WriteString("version", ip.Address.IsIPv4 ? "4" : "6");
            WriteIpBody(w, ip);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteRoutes(w, result.Routes, withV11Fields: false);
        WriteDns(w, result.Dns);
        w.WriteEndObject();
    }

    /// <summary>1.0.0/1.1.0: no <c>ips[].version</c>; 1.1 fields only at 1.1.0; empty <c>dns</c> omitted.</summary>
    private static void WriteV100(Utf8JsonWriter w, CniResult result, string cniVersion)
    {
        var v11 = CniVersions.AtLeast(cniVersion, "1.1.0");
        w.WriteStartObject();
        w.WriteString("cniVersion", cniVersion);
        WriteInterfaces(w, result, v11);
        w.WriteStartArray("ips");
        foreach (var ip in result.Ips)
        {
            w.WriteStartObject();
            WriteIpBody(w, ip);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteRoutes(w, result.Routes, v11);
        if (!result.Dns.IsEmpty)
            WriteDns(w, result.Dns);
        w.WriteEndObject();
    }

    private static void WriteIpBody(Utf8JsonWriter w, CniIpConfig ip)
    {
        if (ip.Interface is { } index)
            w.WriteNumber("interface", index);
        w.WriteString("address", ip.Address.ToString());
        if (ip.Gateway is not null)
            w.WriteString("gateway", ip.Gateway.ToString());
    }

    private static void WriteInterfaces(Utf8JsonWriter w, CniResult result, bool withV11Fields)
    {
        if (result.Interfaces.Count == 0)
            return;
        w.WriteStartArray("interfaces");
        foreach (var nic in result.Interfaces)
        {
            w.WriteStartObject();
            w.WriteString("name", nic.Name);
            WriteOptional(w, "mac", nic.Mac);
            if (withV11Fields && nic.Mtu is { } mtu)
                w.WriteNumber("mtu", mtu);
            WriteOptional(w, "sandbox", nic.Sandbox);
            if (withV11Fields)
            {
                WriteOptional(w, "socketPath", nic.SocketPath);
                WriteOptional(w, "pciID", nic.PciId);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            w.WriteString(name, value);
    }

    private static void ThrowNoAddresses() =>
        throw new CniPluginException(CniErrorCodes.Internal, "cannot convert: no valid IP addresses");
}
