using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace QboSandbox.OAuth;

/// <summary>Registered OAuth clients: the configured ones plus any added through the control API.</summary>
internal sealed class AppRegistry
{
    private readonly ConcurrentDictionary<string, SandboxOAuthApp> _apps = new(StringComparer.Ordinal);
    private readonly SandboxOptions _options;

    public AppRegistry(SandboxOptions options)
    {
        _options = options;
        Reset();
    }

    public IReadOnlyList<SandboxOAuthApp> All => [.. _apps.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal)];

    public void Register(SandboxOAuthApp app) => _apps[app.ClientId] = app;

    public void Reset()
    {
        _apps.Clear();
        foreach (var app in _options.Apps)
        {
            _apps[app.ClientId] = app;
        }
    }

    public SandboxOAuthApp? Find(string? clientId) => clientId is null ? null : _apps.GetValueOrDefault(clientId);

    public SandboxOAuthApp? Authenticate(string clientId, string secret)
    {
        var app = Find(clientId);
        return app is not null && FixedTimeEquals(app.ClientSecret, secret) ? app : null;
    }

    /// <summary>Exact match against registered URIs, or any loopback http(s) URI when the app allows it.</summary>
    public static bool IsRedirectAllowed(SandboxOAuthApp app, string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        return app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal) || (app.AllowLoopbackRedirects && uri.IsLoopback);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
