using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Books;
using QboSandbox.Faults;
using QboSandbox.Idempotency;
using QboSandbox.OAuth;
using QboSandbox.Throttling;
using QboSandbox.Webhooks;

namespace QboSandbox.State;

/// <summary>
/// Everything the sandbox knows: companies and their entities, OAuth apps and tokens, injected faults,
/// traffic statistics, the requestid cache and webhooks. Public members are for in-process inspection by tests.
/// </summary>
public sealed class SandboxState : IDisposable
{
    private long _version;
    private long _savedVersion;

    internal SandboxState(SandboxOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        Options = options;
        Time = time;
        Companies = new CompanyRegistry(time);
        Apps = new AppRegistry(options);
        IdTokens = new IdTokenSigner();
        OAuth = new OAuthStore(options, time, IdTokens);
        Faults = new FaultStore();
        Traffic = new TrafficRegistry();
        Idempotency = new IdempotencyCache(options, time);
        Webhooks = new WebhookHub(options, time, loggers.CreateLogger("QboSandbox.Webhooks"));
        OAuthLogger = loggers.CreateLogger("QboSandbox.OAuth");
        ApiLogger = loggers.CreateLogger("QboSandbox.Accounting");
        if (options.StateFile is null || !StateFile.Load(this, options.StateFile))
        {
            SeedIfConfigured();
        }

        _savedVersion = Interlocked.Read(ref _version);
    }

    /// <summary>The realm id of the first company created (the demo company when seeding is on).</summary>
    public static string FirstRealmId => CompanyRegistry.FirstRealmId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public SandboxOptions Options { get; }

    public TimeProvider Time { get; }

    internal CompanyRegistry Companies { get; }

    internal AppRegistry Apps { get; }

    internal OAuthStore OAuth { get; }

    internal IdTokenSigner IdTokens { get; }

    internal FaultStore Faults { get; }

    internal TrafficRegistry Traffic { get; }

    internal IdempotencyCache Idempotency { get; }

    internal WebhookHub Webhooks { get; }

    internal ILogger OAuthLogger { get; }

    internal ILogger ApiLogger { get; }

    public IReadOnlyList<string> RealmIds => [.. Companies.All.Select(c => c.RealmId)];

    /// <summary>Copies of the stored rows of one entity (Customer, Item, Account, Invoice) in creation order.</summary>
    public IReadOnlyList<JsonObject> GetEntities(string realmId, string entity)
    {
        var company = Companies.Find(realmId) ?? throw new KeyNotFoundException($"No company {realmId}.");
        var name = EntityNames.Canonical(entity) ?? throw new ArgumentException($"Unknown entity {entity}.", nameof(entity));
        return EntityService.Snapshot(company, name);
    }

    public SandboxStats GetStats() => Traffic.Snapshot();

    /// <summary>Requests currently held by a latency fault.</summary>
    public int RequestsWaitingOnLatency => Faults.Waiting;

    /// <summary>Injects a fault (same rules as POST /_sandbox/faults) and returns its id.</summary>
    public int AddFault(FaultRuleRequest rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return FaultRuleValidation.Problem(rule) is { } problem ? throw new ArgumentException(problem, nameof(rule)) : Faults.Add(rule).Id;
    }

    public void ClearFaults() => Faults.Clear();

    /// <summary>Makes the access tokens of a realm (or of every realm) expire now; returns how many.</summary>
    public int ExpireAccessTokens(string? realmId = null) => OAuth.Expire(realmId, refreshTokensToo: false);

    /// <summary>Revokes every connection of a realm (or of every realm); returns how many.</summary>
    public int RevokeConnections(string? realmId = null) => OAuth.RevokeAll(realmId);

    /// <summary>OAuth connections without token values.</summary>
    public IReadOnlyList<GrantSummary> GetConnections() => OAuth.Summaries();

    /// <summary>
    /// Creates a company with the region's chart of accounts, tax codes and preferences (no items or
    /// customers unless <paramref name="seedDemoData"/>) and returns its realm id.
    /// </summary>
    public string CreateCompany(string? companyName = null, CompanySettings? settings = null, bool seedDemoData = false) =>
        NewCompany(companyName, null, settings, seedDemoData).RealmId;

    /// <summary>A company's complete settings (defaults filled in).</summary>
    public CompanySettings GetCompanySettings(string realmId)
    {
        var company = Companies.Find(realmId) ?? throw new KeyNotFoundException($"No company {realmId}.");
        lock (company.Gate)
        {
            return company.Settings.WithDefaults();
        }
    }

    /// <summary>Changes a company's settings (null members keep their value) and returns the result; Preferences follows.</summary>
    public CompanySettings UpdateCompanySettings(string realmId, CompanySettings patch)
    {
        var company = Companies.Find(realmId) ?? throw new KeyNotFoundException($"No company {realmId}.");
        lock (company.Gate)
        {
            CompanySetup.Apply(company, patch, CreateContext());
            return company.Settings.WithDefaults();
        }
    }

    /// <summary>Forgets the stored requestid responses of one realm (or all) and returns how many: a retry then runs again.</summary>
    public int ForgetRequestIds(string? realmId = null) => Idempotency.Forget(realmId);

    /// <summary>
    /// Registers a webhook endpoint for an app (ArgumentException when the URL or an entity is not valid) and returns
    /// its id. Notifications follow the app's connections: only realms it is connected to are notified.
    /// </summary>
    public int RegisterWebhook(SandboxWebhook webhook) => Webhooks.Register(webhook);

    /// <summary>The verifier token a registered webhook signs with (generated when none was given).</summary>
    public string? GetWebhookVerifierToken(int id) => Webhooks.VerifierToken(id);

    public bool RemoveWebhook(int id) => Webhooks.Remove(id);

    public IReadOnlyList<WebhookSummary> GetWebhooks() => Webhooks.Summaries();

    /// <summary>Every notification attempt, oldest first (the last 1,000).</summary>
    public IReadOnlyList<WebhookDelivery> GetWebhookDeliveries() => Webhooks.Deliveries();

    /// <summary>Sends every waiting webhook event now, and retries whose time has come; returns what happened.</summary>
    public Task<WebhookFlushResult> FlushWebhooksAsync(CancellationToken cancellationToken = default) =>
        Webhooks.DeliverAsync(includeWaitingEvents: true, cancellationToken);

    /// <summary>True when something changed since the state file was last written.</summary>
    public bool HasUnsavedChanges => Interlocked.Read(ref _version) != Interlocked.Read(ref _savedVersion);

    /// <summary>Writes <see cref="SandboxOptions.StateFile"/> now (it is also written shortly after each change and at shutdown).</summary>
    public void SaveState()
    {
        var path = Options.StateFile ?? throw new InvalidOperationException("SandboxOptions.StateFile is not set.");
        var version = Interlocked.Read(ref _version);
        StateFile.Save(this, path);
        Interlocked.Exchange(ref _savedVersion, version);
    }

    /// <summary>Something changed that the state file should keep.</summary>
    public void MarkChanged() => Interlocked.Increment(ref _version);

    /// <summary>Forgets companies, tokens, faults, statistics, requestids and run-time webhooks; re-seeds the demo company if configured.</summary>
    public void Reset()
    {
        MarkChanged();
        Companies.Clear();
        OAuth.Clear();
        Apps.Reset();
        Faults.Clear();
        Traffic.Reset();
        Idempotency.Clear();
        Webhooks.Reset();
        SeedIfConfigured();
    }

    public void Dispose() => Webhooks.Dispose();

    internal CreateContext CreateContext(int minorVersion = MinorVersion.Floor, bool allowDuplicateDocNumber = false) =>
        new(Time.GetUtcNow(), PacificTime.Today(Time), Options, minorVersion, allowDuplicateDocNumber);

    /// <summary>Creates, sets up and optionally fills a company; a rule violation removes it again.</summary>
    internal Company NewCompany(string? companyName, string? realmId, CompanySettings? settings, bool seedDemoData)
    {
        var company = Track(Companies.Create(companyName, realmId, settings));
        try
        {
            lock (company.Gate)
            {
                var context = CreateContext();
                CompanySetup.Seed(company, context);
                if (seedDemoData)
                {
                    DemoCompany.Seed(company, context);
                }
            }
        }
        catch
        {
            Companies.Remove(company.RealmId);
            throw;
        }

        return company;
    }

    /// <summary>Listens to a company's changes (state file, CDC, webhooks).</summary>
    internal Company Track(Company company)
    {
        company.Changed = (_, change) =>
        {
            MarkChanged();
            Webhooks.Record(change, OAuth.IsConnected);
        };
        return company;
    }

    private void SeedIfConfigured()
    {
        if (Options.SeedDemoCompany)
        {
            NewCompany(DemoCompany.Name, null, new CompanySettings { Country = "US" }, seedDemoData: true);
        }
    }
}
