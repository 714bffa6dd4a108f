namespace AccountingIntegration.Infrastructure.Configuration;

/// <summary>Where the service listens and which URLs and origins it knows about.</summary>
internal sealed class HttpOptions
{
    public int Port { get; init; } = 8080;

    /// <summary>Interface Kestrel binds (BIND_ADDRESS); loopback unless a deployment opens it.</summary>
    public string BindAddress { get; init; } = "localhost";

    /// <summary>The service's public base URL, used to build links (OAuth redirect, connect links).</summary>
    public required Uri ApiBaseUrl { get; init; }

    /// <summary>Where the OAuth callback sends the browser with the result.</summary>
    public required Uri FrontendUrl { get; init; }

    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public static HttpOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var port = Settings.Integer(configuration, "PORT", 8080, problems);
        if (port is < 1 or > 65535)
        {
            problems.Add($"PORT: {port} is not a TCP port (1-65535).");
            port = 8080;
        }

        var apiBase = Url(configuration, "API_BASE_URL", $"http://localhost:{port}", problems);
        // Without a front end, the service's own result page shows how a connection ended.
        var frontend = Url(configuration, "FRONTEND_URL", new Uri(apiBase, "/connected").ToString(), problems);
        var origins = Settings.List(configuration, "ALLOWED_ORIGINS");
        foreach (var origin in origins)
        {
            Settings.CheckUrl("ALLOWED_ORIGINS", origin, problems);
        }

        return new HttpOptions
        {
            Port = port,
            BindAddress = Settings.Text(configuration, "BIND_ADDRESS") ?? "localhost",
            ApiBaseUrl = apiBase,
            FrontendUrl = frontend,
            AllowedOrigins = origins,
        };
    }

    private static Uri Url(IConfiguration configuration, string name, string fallback, List<string> problems)
    {
        var text = Settings.Text(configuration, name);
        return text is not null && Settings.CheckUrl(name, text, problems) ? new Uri(text) : new Uri(fallback);
    }
}
