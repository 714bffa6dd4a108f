using System.Text.Json.Nodes;

namespace QboSandbox.Faults;

/// <summary>
/// Control API body for an injected fault. Every criterion that is set must match; the first active
/// matching rule (in creation order) applies.
/// </summary>
public sealed class FaultRuleRequest
{
    /// <summary>Only requests to this realm.</summary>
    public string? RealmId { get; set; }

    /// <summary>HTTP method, e.g. POST.</summary>
    public string? Method { get; set; }

    /// <summary>Path pattern with * wildcards, e.g. /v3/company/*/invoice or /oauth2/*.</summary>
    public string? Path { get; set; }

    /// <summary>The Accounting API segment after the realm: invoice, customer, query, batch, ….</summary>
    public string? Entity { get; set; }

    /// <summary>Respond with this status (the handler does not run).</summary>
    public int? Status { get; set; }

    /// <summary>Exact JSON body to send with <see cref="Status"/>.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>Canned QBO fault: ThrottleExceeded, AuthenticationFailed, AuthorizationFailed, SystemFault, ServiceUnavailable, StaleObject, ValidationFault.</summary>
    public string? FaultType { get; set; }

    /// <summary>Apply this many times, then stop; null = until cleared.</summary>
    public int? Count { get; set; }

    /// <summary>Chance (0..1) that a matching request is hit; drawn from a seeded generator.</summary>
    public double? Probability { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>Delay before anything else happens, measured on the sandbox's TimeProvider.</summary>
    public int? LatencyMs { get; set; }

    /// <summary>"beforeCommit": abort without running; "afterCommit": run the request, then abort the connection.</summary>
    public string? Drop { get; set; }

    /// <summary>
    /// After the request runs, its <c>requestid</c> is forgotten, as if Intuit's memory of it had lapsed before the
    /// client retried: a repeat then runs again. With <see cref="Drop"/> "afterCommit" the client never learns the outcome.
    /// </summary>
    public bool? ForgetRequestId { get; set; }
}
