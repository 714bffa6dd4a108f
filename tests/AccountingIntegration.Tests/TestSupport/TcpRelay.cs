using System.Net;
using System.Net.Sockets;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A loopback TCP relay in front of a server (the MariaDB test server), so a test can take the server away
/// from a running service: <see cref="Close"/> drops every connection and closes the port (refused at once),
/// <see cref="Freeze"/> keeps the connections open but stops passing bytes (a server that hangs).
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private volatile bool _frozen;

    private TcpRelay(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public static TcpRelay To(string host, int port) => new(host, port);

    /// <summary><paramref name="url"/> (mysql://…@host:port/db) pointed at the relay instead.</summary>
    public string Rewrite(string url)
    {
        var uri = new UriBuilder(url) { Host = "127.0.0.1", Port = Port };
        return uri.Uri.ToString();
    }

    public void Freeze() => _frozen = true;

    public void Close()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Track(client);
            if (_frozen)
            {
                // Accepted and never answered: the client waits for the server's greeting.
                continue;
            }

            var upstream = new TcpClient();
            Track(upstream);
            try
            {
                await upstream.ConnectAsync(_host, _port, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                client.Dispose();
                continue;
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private void Track(TcpClient socket)
    {
        lock (_sockets)
        {
            _sockets.Add(socket);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                while (_frozen)
                {
                    // Hold the bytes: the peer sees a server that stopped answering, not a closed one.
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The relay closed or a side hung up: end both directions below.
        }

        from.Dispose();
        to.Dispose();
    }
}
