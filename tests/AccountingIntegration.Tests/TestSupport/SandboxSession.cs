using System.Net.Http.Json;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Logging;
using QboSandbox;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A running sandbox plus the service's QBO clients wired exactly as the service wires them
/// (resilience pipeline, per-realm limiter), and a connected company's credentials.
/// </summary>
internal sealed class SandboxSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SandboxSession(QboSandboxServer sandbox, ServiceProvider services, QboCredentials credentials)
    {
        Sandbox = sandbox;
        _services = services;
        Credentials = credentials;
        Control = new HttpClient { BaseAddress = sandbox.BaseUrl };
    }

    public QboSandboxServer Sandbox { get; }

    public QboCredentials Credentials { get; }

    public QboClient Client => _services.GetRequiredService<QboClient>();

    /// <summary>QBO's clock as the client's answers measured it.</summary>
    public QboClock Clock => _services.GetRequiredService<QboClock>();

    /// <summary>A plain client for the sandbox's control API.</summary>
    public HttpClient Control { get; }

    /// <param name="configure">Changes the sandbox's options.</param>
    /// <param name="adjust">Changes the client's options.</param>
    /// <param name="sandboxTime">The sandbox's own clock, when it must differ from ours (QBO's servers keep their own).</param>
    public static async Task<SandboxSession> StartAsync(Action<SandboxOptions>? configure = null, Func<QboOptions, QboOptions>? adjust = null,
        TimeProvider? sandboxTime = null)
    {
        var options = new SandboxOptions { AutoApprove = true };
        configure?.Invoke(options);
        var sandbox = await QboSandboxServer.StartAsync(options, time: sandboxTime);
        ServiceProvider? services = null;
        try
        {
            var qbo = SandboxOAuth.OptionsFor(sandbox);
            qbo = adjust?.Invoke(qbo) ?? qbo;
            services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton(qbo).AddQboClients().BuildServiceProvider();
            var oauth = services.GetRequiredService<IntuitOAuthClient>();
            var query = await SandboxOAuth.FollowAuthorizeAsync(oauth.BuildAuthorizeUrl("s"));
            var tokens = await oauth.ExchangeCodeAsync(query["code"], default);
            return new SandboxSession(sandbox, services, new QboCredentials(query["realmId"], tokens.AccessToken));
        }
        catch
        {
            // A session that did not connect must not leave its sandbox serving for the rest of the run.
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Injects a fault through the control API (docs/qbo-sandbox.md).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await Control.PostAsJsonAsync("/_sandbox/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> CountAsync(string entity)
    {
        var page = await Client.QueryAsync(Credentials, entity, $"SELECT * FROM {entity} MAXRESULTS 1000", default);
        return page.Items.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
