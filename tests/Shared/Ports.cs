using System.Net;
using System.Net.Sockets;

namespace OrleansDirect.Tests;

/// <summary>Free TCP ports on the loopback interface, for the servers tests and benchmarks start.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
