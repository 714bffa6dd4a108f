using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using QboSandbox.State;

namespace QboSandbox;

/// <summary>The sandbox on its own Kestrel server, bound to loopback (port 0 = a free port).</summary>
public sealed class QboSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QboSandboxServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = app.Services.GetRequiredService<SandboxState>();
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUrl { get; }

    public SandboxState State { get; }

    public static async Task<QboSandboxServer> StartAsync(
        SandboxOptions? options = null,
        string url = "http://127.0.0.1:0",
        TimeProvider? time = null,
        CancellationToken ct = default)
    {
        options ??= new SandboxOptions();
        LoopbackGuard.Ensure([url], options.AllowNonLoopback);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(QboSandboxServer).Assembly.GetName().Name });

        // Started inside another app, the host's appsettings/environment (Kestrel endpoints, URLs,
        // logging) must not leak into this server: it is configured by its arguments only.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddQboSandbox(o => Copy(options, o));
        var app = builder.Build();
        app.MapQboSandbox();
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new QboSandboxServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>AddQboSandbox creates its own options instance; the caller's values are copied in.</summary>
    private static void Copy(SandboxOptions from, SandboxOptions to)
    {
        foreach (var property in typeof(SandboxOptions).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(to, property.GetValue(from));
        }
    }
}
