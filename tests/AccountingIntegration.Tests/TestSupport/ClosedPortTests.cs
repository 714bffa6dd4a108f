using System.Net;
using System.Net.Sockets;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>A port held closed refuses connections, as a stopped server's, and no server can listen on it meanwhile.</summary>
public sealed class ClosedPortTests
{
    [Fact]
    public async Task Held_RefusesConnections()
    {
        using var closed = new ClosedPort();
        using var client = new TcpClient();

        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, closed.Port));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void Held_NoListenerCanTakeIt()
    {
        using var closed = new ClosedPort();
        using var listener = new TcpListener(IPAddress.Loopback, closed.Port);

        var taken = Assert.Throws<SocketException>(() => listener.Start());

        Assert.Equal(SocketError.AddressAlreadyInUse, taken.SocketErrorCode);
    }
}
