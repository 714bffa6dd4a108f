using System.Net;
using System.Net.Sockets;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A loopback TCP relay in front of a real server, to take that server away without stopping it: <see cref="Refuse"/>
/// closes every connection and turns new ones away (a crashed server); <see cref="Freeze"/> keeps every connection
/// open and passes nothing either way (a hung server, a network partition); <see cref="Restore"/> lets bytes flow again;
/// <see cref="CutNextReply"/> breaks one connection just as the server answers (the server did the work, the client
/// never hears of it).
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private volatile RelayMode _mode = RelayMode.Forward;
    private int _cutNextReply;
    private TaskCompletionSource _thawed = NewThaw();

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private enum RelayMode
    {
        Forward,
        Refuse,
        Freeze,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpRelay To(string host, int port) =>
        new(new IPEndPoint(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, port > 0 ? port : 3306));

    /// <summary><paramref name="url"/> (mysql://…@host:port/db) pointed at the relay instead.</summary>
    public string Rewrite(string url) => new UriBuilder(url) { Host = "127.0.0.1", Port = Port }.Uri.ToString();

    /// <summary>The server is gone for good in this test: the same as <see cref="Refuse"/>.</summary>
    public void Close() => Refuse();

    public void Refuse()
    {
        _mode = RelayMode.Refuse;
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Close();
            }

            _open.Clear();
        }
    }

    public void Freeze() => _mode = RelayMode.Freeze;

    /// <summary>The next bytes the server sends, on whichever connection, are dropped and that connection is closed; later ones flow.</summary>
    public void CutNextReply() => Interlocked.Exchange(ref _cutNextReply, 1);

    public void Restore()
    {
        _mode = RelayMode.Forward;
        Interlocked.Exchange(ref _thawed, NewThaw()).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Refuse();
        _thawed.TrySetResult();
        await _accepting;
        _stop.Dispose();
    }

    private static TaskCompletionSource NewThaw() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_mode == RelayMode.Refuse)
            {
                inbound.Close();
                continue;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            lock (_gate)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            await Task.WhenAny(PumpAsync(inbound.GetStream(), outbound.GetStream(), fromServer: false), PumpAsync(outbound.GetStream(), inbound.GetStream(), fromServer: true));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The relay, the client or the server went away: the connection ends, as it would have without the relay.
        }
        finally
        {
            inbound.Close();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool fromServer)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                // Frozen: the bytes are held, not dropped, until the relay thaws (or is refused).
                while (_mode == RelayMode.Freeze)
                {
                    await _thawed.Task.WaitAsync(_stop.Token);
                }

                if (_mode == RelayMode.Refuse || (fromServer && Interlocked.Exchange(ref _cutNextReply, 0) == 1))
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
