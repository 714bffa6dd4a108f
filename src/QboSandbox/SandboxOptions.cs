namespace QboSandbox;

/// <summary>Behaviour switches of the local QBO sandbox. Defaults follow REFERENCE.md; §11 conflicts are settable.</summary>
public sealed class SandboxOptions
{
    public const string DefaultClientId = "local-sandbox-client";
    public const string DefaultClientSecret = "local-sandbox-secret";

    /// <summary>Registered OAuth apps. The default app accepts any loopback redirect URI.</summary>
    public IList<SandboxOAuthApp> Apps { get; set; } = [new SandboxOAuthApp()];

    /// <summary>Skip the consent page and approve for <see cref="AutoApproveRealmId"/> (or the first company).</summary>
    public bool AutoApprove { get; set; }

    public string? AutoApproveRealmId { get; set; }

    /// <summary>Access tokens live 3600 s (REFERENCE §1.7).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Intuit's mocks report 8726400 s (101 days); docs say 100 days (REFERENCE §11).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(8_726_400);

    /// <summary>Hard cap of five years on every refresh token (REFERENCE §1.7).</summary>
    public TimeSpan RefreshTokenHardLifetime { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>The refresh token value changes at most once per this interval (oauth-jsclient#74).</summary>
    public TimeSpan RefreshTokenRotationInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a rotated-out refresh token still works: 0 = dies at once (help article), 24 h = old README.</summary>
    public TimeSpan RotatedRefreshTokenGrace { get; set; } = TimeSpan.Zero;

    /// <summary>Authorization codes are single-use and short-lived.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests per minute per realm (REFERENCE §6); 0 = off.</summary>
    public int RequestsPerMinutePerRealm { get; set; } = 500;

    /// <summary>Requests per second per realm (REFERENCE §6); 0 = off.</summary>
    public int RequestsPerSecondPerRealm { get; set; } = 10;

    /// <summary>Concurrent in-flight requests per realm (REFERENCE §6); 0 = off.</summary>
    public int ConcurrentRequestsPerRealm { get; set; } = 10;

    /// <summary>Batch requests per minute per realm (REFERENCE §6); 0 = off.</summary>
    public int BatchRequestsPerMinutePerRealm { get; set; } = 40;

    /// <summary>Reject a second invoice with the same DocNumber unless include=allowduplicatedocnum.</summary>
    public bool DuplicateDocNumberCheck { get; set; } = true;

    /// <summary>6140 (community) or 6210 (Intuit blog 2017), REFERENCE §11.</summary>
    public string DuplicateDocNumberErrorCode { get; set; } = "6140";

    /// <summary>Most payloads in one batch request (REFERENCE §7, §11: 30, 25 or 10).</summary>
    public int MaxBatchItems { get; set; } = 30;

    /// <summary>Shape of 401 bodies: the JSON Fault (AuthenticationFault code 100) or the gateway lower-case shape (3200).</summary>
    public AuthFailureStyle AuthFailureStyle { get; set; } = AuthFailureStyle.Fault;

    /// <summary>Create one demo company at start and after a reset.</summary>
    public bool SeedDemoCompany { get; set; } = true;

    /// <summary>
    /// Automated sales tax rates in percent by US state code ("CA", "NY", …; "*" for any other state),
    /// standing in for AST's address lookup. Null = the built-in illustrative table.
    /// </summary>
    public IDictionary<string, decimal>? AutomatedSalesTaxRates { get; set; }

    /// <summary>
    /// How long a requestid's first response is replayed. Intuit documents no retention; 24 h by default,
    /// so tests can prove a client does not rely on replay alone (see also POST /_sandbox/requestids/forget).
    /// </summary>
    public TimeSpan RequestIdRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many stored requestid responses (all realms); the oldest are forgotten first.</summary>
    public int MaxRequestIds { get; set; } = 10_000;

    /// <summary>
    /// A JSON file that keeps companies, entities, apps, tokens and requestids across restarts: loaded at
    /// start when it exists (instead of seeding), saved shortly after each change and at shutdown. Null = in memory only.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>How far back change data capture may look (Intuit, "Change data capture operation": 30 days).</summary>
    public TimeSpan CdcLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most objects one CDC response carries, all entities together (same page: 1,000).</summary>
    public int CdcMaxObjects { get; set; } = 1000;

    /// <summary>Webhook endpoints registered at start (and again after a reset); more through POST /_sandbox/webhooks.</summary>
    public IList<SandboxWebhook> Webhooks { get; set; } = [];

    /// <summary>
    /// How often waiting webhook events are sent. Intuit aggregates events and "sends them in a periodic
    /// notification" without naming the period (blog "Webhooks for QuickBooks Online API", 2017); 0 = only when
    /// flushed (POST /_sandbox/webhooks/flush). Measured on the sandbox's TimeProvider.
    /// </summary>
    public TimeSpan WebhookFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Waits between attempts of a failed notification; the last one repeats. Null = Intuit's schedule (webhooks best
    /// practices: 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h). Null by default so that binding
    /// configuration replaces the schedule rather than appending to it.
    /// </summary>
    public IList<TimeSpan>? WebhookRetryDelays { get; set; }

    /// <summary>An endpoint must answer within 3 s (webhooks best practices); real time, as it bounds network I/O.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The standalone server refuses non-loopback addresses unless this is set.</summary>
    public bool AllowNonLoopback { get; set; }
}

/// <summary>An OAuth client registered with the sandbox.</summary>
public sealed class SandboxOAuthApp
{
    public string ClientId { get; set; } = SandboxOptions.DefaultClientId;

    public string ClientSecret { get; set; } = SandboxOptions.DefaultClientSecret;

    /// <summary>Exact redirect URIs accepted in addition to loopback ones.</summary>
    public IList<string> RedirectUris { get; set; } = [];

    /// <summary>Accept any http(s) redirect URI on localhost, 127.0.0.1 or [::1].</summary>
    public bool AllowLoopbackRedirects { get; set; } = true;
}

public enum AuthFailureStyle
{
    /// <summary><c>{"Fault":{"Error":[{"code":"100",...}],"type":"AuthenticationFault"}}</c>.</summary>
    Fault,

    /// <summary>The gateway's lower-case body with code 3200 and epoch-millisecond time.</summary>
    Gateway,
}
