using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Someone who must act, as a real HTTP server on 127.0.0.1: records every alert it is sent, answers 500 to the first
/// <see cref="FailFirst"/> of them, and checks signatures the way docs/alerts.md tells a receiver to.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    private AlertReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How many requests, from the first, are answered 500.</summary>
    public int FailFirst { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<AlertReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new AlertReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(http.Request.Path, http.Request.Headers["X-Alert-Signature"].ToString(), body));
            return Interlocked.Increment(ref receiver._seen) <= receiver.FailFirst ? Results.StatusCode(500) : Results.Ok();
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public IReadOnlyList<Received> At(string path) => [.. Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One request as it arrived.</summary>
    internal sealed record Received(string Path, string Signature, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The receiver's check: the HMAC of "{t}.{body}" with the shared secret, compared in constant time.</summary>
        public bool IsSignedWith(string secret)
        {
            var parts = Signature.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + Body));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected)), Encoding.ASCII.GetBytes(v1));
        }
    }
}
