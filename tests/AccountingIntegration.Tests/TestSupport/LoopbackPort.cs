using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Free loopback ports for a server whose address must be known before it starts (an OAuth redirect or the hosted
/// sandbox's URLs name it). A port is released for the server to bind, so another socket (a service a test beside
/// this one binds on port 0, an outgoing connection) can take it in between; the server's bind is then refused, and
/// the start is tried again on other ports. A server that needs no address in advance binds port 0 instead.
/// </summary>
internal static class LoopbackPort
{
    private const int Attempts = 5;

    public static Task<T> StartAsync<T>(Func<int, Task<T>> start) => StartAsync(1, ports => start(ports[0]));

    /// <summary>Runs <paramref name="start"/> with <paramref name="count"/> distinct free ports, again on others while a bind is refused as taken.</summary>
    public static async Task<T> StartAsync<T>(int count, Func<int[], Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Free(count));
            }
            catch (Exception e) when (attempt < Attempts && IsAddressInUse(e))
            {
                // Other ports.
            }
        }
    }

    /// <summary>Held open together, so the ports differ from each other.</summary>
    private static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    /// <summary>Kestrel says so with its own exception inside an IOException, or with the socket's own.</summary>
    private static bool IsAddressInUse(Exception e) =>
        e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || (e.InnerException is { } inner && IsAddressInUse(inner));
}
