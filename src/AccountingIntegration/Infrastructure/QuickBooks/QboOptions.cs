using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.QuickBooks;

internal enum QboEnvironment
{
    Local,
    Sandbox,
    Production,
}

/// <summary>What connecting a company that another active organization already holds does (QBO_SHARED_COMPANY_POLICY).</summary>
internal enum SharedCompanyPolicy
{
    /// <summary>Refused at the callback, nothing stored: two tenants would read and write the same books.</summary>
    Refuse,

    /// <summary>Connected, with a warning log line and an audit entry, for operators who share a company on purpose.</summary>
    Warn,
}

/// <summary>
/// Intuit OAuth client and QBO endpoints. <c>local</c> points at the local QBO sandbox (which the
/// service hosts itself in Development); <c>sandbox</c> and <c>production</c> use Intuit's hosts.
/// Each URL can be overridden (QBO_AUTH_URL, QBO_TOKEN_URL, QBO_REVOKE_URL, QBO_API_BASE_URL).
/// </summary>
internal sealed class QboOptions
{
    // The local sandbox registers this app by default (docs/qbo-sandbox.md).
    internal const string LocalClientId = "local-sandbox-client";
    internal const string LocalClientSecret = "local-sandbox-secret";

    private static readonly string[] PlaceholderMarkers = ["your-", "your_", "changeme", "change-me", "change_me", "placeholder", "example", "todo"];

    public QboEnvironment Environment { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required Uri RedirectUri { get; init; }

    public required Uri AuthorizeUrl { get; init; }

    public required Uri TokenUrl { get; init; }

    public required Uri RevokeUrl { get; init; }

    public required Uri UserInfoUrl { get; init; }

    public required Uri ApiBaseUrl { get; init; }

    public int MinorVersion { get; init; } = 75;

    public SharedCompanyPolicy SharedCompanyPolicy { get; init; } = SharedCompanyPolicy.Refuse;

    /// <summary>Time allowed for one attempt of one Accounting API call (QBO_REQUEST_TIMEOUT_SECONDS).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight per company (REFERENCE §6: more than 10 concurrent gets 429).</summary>
    public int MaxConcurrentPerRealm { get; init; } = 10;

    /// <summary>Requests per second per company (REFERENCE §6: 10 per realm and app).</summary>
    public int RequestsPerSecondPerRealm { get; init; } = 10;

    /// <summary>Requests per minute per company (REFERENCE §6: 500 per realm).</summary>
    public int RequestsPerMinutePerRealm { get; init; } = 500;

    /// <summary>Batch requests per minute per company (REFERENCE §6: 40 per realm and app), counted besides the request windows.</summary>
    public int BatchRequestsPerMinutePerRealm { get; init; } = 40;

    /// <summary>
    /// Added to each window (QBO_LIMIT_MARGIN_MS): a request delayed on its way, or counted by an instance whose clock runs
    /// a little apart, must not land in the next second's count at QBO.
    /// </summary>
    public TimeSpan LimitMargin { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Host the local sandbox inside this process (LOCAL_QBO_SANDBOX).</summary>
    public bool HostLocalSandbox { get; init; }

    public int LocalSandboxPort { get; init; } = 8090;

    /// <summary>
    /// Where the hosted sandbox keeps its companies, apps, tokens and entities across restarts
    /// (LOCAL_QBO_SANDBOX_STATE_FILE); null means beside the SQLite database, or under ./data.
    /// </summary>
    public string? LocalSandboxStateFile { get; init; }

    public static QboOptions Bind(IConfiguration configuration, bool isDevelopment, Uri apiBaseUrl, List<string> problems)
    {
        var environmentText = Settings.Text(configuration, "QBO_ENVIRONMENT") ?? (isDevelopment ? "local" : "sandbox");
        if (!Enum.TryParse<QboEnvironment>(environmentText, ignoreCase: true, out var environment) || int.TryParse(environmentText, out _))
        {
            problems.Add($"QBO_ENVIRONMENT: '{environmentText}' is not one of local, sandbox, production.");
            environment = QboEnvironment.Local;
        }

        var sandboxPort = Settings.Integer(configuration, "LOCAL_QBO_SANDBOX_PORT", 8090, problems);
        var hostSandbox = Settings.Boolean(configuration, "LOCAL_QBO_SANDBOX", isDevelopment && environment == QboEnvironment.Local && LocalSandboxBuild.Included, problems);
        if (hostSandbox && !isDevelopment)
        {
            // The emulator accepts any credential and has an open control API: never beside real data.
            problems.Add("LOCAL_QBO_SANDBOX: the local QBO sandbox runs only in Development (ENVIRONMENT=development).");
        }
        else if (hostSandbox && !LocalSandboxBuild.Included)
        {
            problems.Add("LOCAL_QBO_SANDBOX: this build leaves the local QBO sandbox out (a production build); run it on its own and set QBO_API_BASE_URL.");
        }

        var defaults = QboEndpoints.For(environment, sandboxPort);

        var clientId = Settings.Text(configuration, "QBO_CLIENT_ID");
        var clientSecret = Settings.Text(configuration, "QBO_CLIENT_SECRET");
        if (environment != QboEnvironment.Local)
        {
            if (clientId is null)
            {
                problems.Add($"QBO_CLIENT_ID: is required when QBO_ENVIRONMENT is {environmentText}.");
            }

            if (clientSecret is null)
            {
                problems.Add($"QBO_CLIENT_SECRET: is required when QBO_ENVIRONMENT is {environmentText}.");
            }

            // Outside Development a copied .env.example must not reach Intuit and fail only at the first connect.
            if (!isDevelopment)
            {
                CheckNotPlaceholder("QBO_CLIENT_ID", clientId, problems);
                CheckNotPlaceholder("QBO_CLIENT_SECRET", clientSecret, problems);
            }
        }

        var minorVersion = Settings.Integer(configuration, "QBO_MINOR_VERSION", 75, problems);
        if (minorVersion < 75)
        {
            // Intuit ignores anything below 75 since August 2025 (REFERENCE §2.3); say so rather than pretend.
            problems.Add($"QBO_MINOR_VERSION: {minorVersion} is below 75, the lowest version QBO still honours.");
        }

        var policyText = Settings.Text(configuration, "QBO_SHARED_COMPANY_POLICY") ?? "refuse";
        if (!Enum.TryParse<SharedCompanyPolicy>(policyText, ignoreCase: true, out var sharedCompanyPolicy) || int.TryParse(policyText, out _))
        {
            problems.Add($"QBO_SHARED_COMPANY_POLICY: '{policyText}' is not one of refuse, warn.");
            sharedCompanyPolicy = SharedCompanyPolicy.Refuse;
        }

        return new QboOptions
        {
            Environment = environment,
            ClientId = clientId ?? LocalClientId,
            ClientSecret = clientSecret ?? LocalClientSecret,
            RedirectUri = Url(configuration, "QBO_REDIRECT_URI", new Uri(apiBaseUrl, "/api/v1/oauth/callback"), problems),
            AuthorizeUrl = Url(configuration, "QBO_AUTH_URL", defaults.Authorize, problems),
            TokenUrl = Url(configuration, "QBO_TOKEN_URL", defaults.Token, problems),
            RevokeUrl = Url(configuration, "QBO_REVOKE_URL", defaults.Revoke, problems),
            UserInfoUrl = Url(configuration, "QBO_USERINFO_URL", defaults.UserInfo, problems),
            ApiBaseUrl = Url(configuration, "QBO_API_BASE_URL", defaults.Api, problems),
            MinorVersion = minorVersion,
            SharedCompanyPolicy = sharedCompanyPolicy,
            RequestTimeout = TimeSpan.FromSeconds(Math.Min(120, Limit(configuration, "QBO_REQUEST_TIMEOUT_SECONDS", 30, problems))),
            MaxConcurrentPerRealm = Limit(configuration, "QBO_MAX_CONCURRENT_PER_REALM", 10, problems),
            RequestsPerSecondPerRealm = Limit(configuration, "QBO_REQUESTS_PER_SECOND_PER_REALM", 10, problems),
            RequestsPerMinutePerRealm = Limit(configuration, "QBO_REQUESTS_PER_MINUTE_PER_REALM", 500, problems),
            BatchRequestsPerMinutePerRealm = Limit(configuration, "QBO_BATCH_REQUESTS_PER_MINUTE_PER_REALM", 40, problems),
            LimitMargin = TimeSpan.FromMilliseconds(Math.Min(1000, Limit(configuration, "QBO_LIMIT_MARGIN_MS", 150, problems))),
            HostLocalSandbox = hostSandbox,
            LocalSandboxPort = sandboxPort,
            LocalSandboxStateFile = Settings.Text(configuration, "LOCAL_QBO_SANDBOX_STATE_FILE"),
        };
    }

    private static int Limit(IConfiguration configuration, string name, int fallback, List<string> problems)
    {
        var value = Settings.Integer(configuration, name, fallback, problems);
        if (value < 1)
        {
            problems.Add($"{name}: must be at least 1 (got {value}).");
            return fallback;
        }

        return value;
    }

    private static void CheckNotPlaceholder(string name, string? value, List<string> problems)
    {
        // Intuit's keys are long random strings; "xxx", "changeme" or "your-client-id" never are. The value is not echoed.
        if (value is not null && (value.Distinct().Count() < 4 || PlaceholderMarkers.Any(m => value.Contains(m, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add($"{name}: looks like a placeholder; use the keys of the Intuit app (developer.intuit.com).");
        }
    }

    private static Uri Url(IConfiguration configuration, string name, Uri fallback, List<string> problems)
    {
        var text = Settings.Text(configuration, name);
        return text is not null && Settings.CheckUrl(name, text, problems) ? new Uri(text) : fallback;
    }
}
