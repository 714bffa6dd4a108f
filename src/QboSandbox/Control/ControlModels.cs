using System.Text.Json.Nodes;
using QboSandbox.Faults;

namespace QboSandbox.Control;

/// <summary>POST /_sandbox/companies: a new company, optionally with the demo data and QBO-shaped entities.</summary>
internal sealed class CreateCompanyRequest
{
    public string? CompanyName { get; set; }

    /// <summary>Optional explicit realm id; by default the next deterministic one.</summary>
    public string? RealmId { get; set; }

    /// <summary>Add the demo items and customers first (every company gets its region's chart of accounts and tax codes).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Country, currency, tax and tracking settings; null members take the region's defaults.</summary>
    public State.CompanySettings? Settings { get; set; }

    /// <summary>Created in this order: accounts, items, customers (items refer to accounts).</summary>
    public IList<JsonObject> Accounts { get; set; } = [];

    public IList<JsonObject> Items { get; set; } = [];

    public IList<JsonObject> Customers { get; set; } = [];
}

internal sealed record CompanySummary(string RealmId, string CompanyName, int Accounts, int Items, int Customers, int Invoices);

/// <summary>POST /_sandbox/apps.</summary>
internal sealed class RegisterAppRequest
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public IList<string> RedirectUris { get; set; } = [];

    public bool AllowLoopbackRedirects { get; set; } = true;
}

internal sealed record AppSummary(string ClientId, IList<string> RedirectUris, bool AllowLoopbackRedirects);

/// <summary>POST /_sandbox/tokens/expire and /_sandbox/tokens/revoke; no realm = every realm.</summary>
internal sealed class TokenActionRequest
{
    public string? RealmId { get; set; }

    /// <summary>Expire refresh tokens too (the next refresh gets invalid_grant).</summary>
    public bool IncludeRefreshTokens { get; set; }
}

internal sealed record FaultSummary(int Id, int Hits, int? Remaining, FaultRuleRequest Rule);

/// <summary>PATCH /_sandbox/options: only the fields given change.</summary>
internal sealed class OptionsPatch
{
    public bool? AutoApprove { get; set; }

    public string? AutoApproveRealmId { get; set; }

    public bool? DuplicateDocNumberCheck { get; set; }

    public string? DuplicateDocNumberErrorCode { get; set; }

    public int? RequestsPerMinutePerRealm { get; set; }

    public int? RequestsPerSecondPerRealm { get; set; }

    public int? ConcurrentRequestsPerRealm { get; set; }

    public int? BatchRequestsPerMinutePerRealm { get; set; }

    public int? MaxBatchItems { get; set; }

    public double? AccessTokenLifetimeSeconds { get; set; }

    public double? RefreshTokenRotationIntervalSeconds { get; set; }

    public double? RotatedRefreshTokenGraceSeconds { get; set; }

    public AuthFailureStyle? AuthFailureStyle { get; set; }

    /// <summary>0 = webhook events go out only on POST /_sandbox/webhooks/flush.</summary>
    public double? WebhookFlushIntervalSeconds { get; set; }
}
