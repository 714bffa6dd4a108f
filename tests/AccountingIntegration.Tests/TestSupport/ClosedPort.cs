using System.Net;
using System.Net.Sockets;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A loopback port bound and never listened on, held until disposed: a connection to it is refused, as to a server
/// that is gone, and no server can listen on it meanwhile. A port a stopped server released is no such port: a server
/// that a test beside this one starts may bind it and answer.
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    // Linux's SOL_SOCKET and SO_REUSEADDR.
    private const int SocketLevel = 1;
    private const int ReuseAddress = 2;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (OperatingSystem.IsLinux())
        {
            // .NET binds every TCP socket with SO_REUSEADDR, and Linux lets a listener that has it share a port with
            // sockets that have it and do not listen. Without it, no other socket can listen on this port.
            _socket.SetRawSocketOption(SocketLevel, ReuseAddress, BitConverter.GetBytes(0));
        }
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Dispose() => _socket.Dispose();
}
