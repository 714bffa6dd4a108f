namespace QboSandbox;

/// <summary>
/// A webhook endpoint registered for an app, as in the Intuit developer portal: one URL per app, a verifier token
/// that signs every notification, the entities wanted, and the payload format.
/// </summary>
public sealed class SandboxWebhook
{
    /// <summary>Where notifications are POSTed (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key of the intuit-signature header; generated when left empty.</summary>
    public string VerifierToken { get; set; } = "";

    public WebhookFormat Format { get; set; } = WebhookFormat.CloudEvents;

    /// <summary>The app whose connections the webhook follows: only realms it is connected to are notified.</summary>
    public string ClientId { get; set; } = SandboxOptions.DefaultClientId;

    /// <summary>Entities to notify (Invoice, Customer, …); empty = every entity QBO sends webhooks for.</summary>
    public IList<string> Entities { get; set; } = [];
}

public enum WebhookFormat
{
    /// <summary>
    /// A JSON array of CloudEvents 1.0 events (type qbo.invoice.created.v1, intuitentityid, intuitaccountid): the
    /// format Intuit made mandatory (blog "Upcoming change to webhooks payload structure", 12 Nov 2025).
    /// </summary>
    CloudEvents,

    /// <summary>The earlier {"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[…]}}]} object.</summary>
    Legacy,
}

/// <summary>A registered webhook as the control API lists it (no verifier token).</summary>
public sealed record WebhookSummary(int Id, string Url, string ClientId, WebhookFormat Format, IReadOnlyList<string> Entities, int PendingEvents);

/// <summary>One POST of one batch to one endpoint, successful or not.</summary>
public sealed record WebhookDelivery(
    int WebhookId,
    string RealmId,
    string BatchId,
    int Attempt,
    int EventCount,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    bool Succeeded,
    DateTimeOffset? NextAttemptAt);

/// <summary>What one delivery pass did: batches acknowledged, batches that failed, and batches still waiting for a retry.</summary>
public sealed record WebhookFlushResult(int Delivered, int Failed, int Waiting);
