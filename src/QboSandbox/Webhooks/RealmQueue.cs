namespace QboSandbox.Webhooks;

/// <summary>
/// Events of one realm for one webhook, in order. Intuit sends "one realm ID at a time" and holds later events until
/// the first is acknowledged (webhooks best practices), so at most one batch is out (<see cref="Head"/>); events that
/// arrive meanwhile wait in <see cref="Pending"/> for the next batch. Guarded by the hub's lock.
/// </summary>
internal sealed class RealmQueue(int webhookId, string realmId)
{
    public int WebhookId { get; } = webhookId;

    public string RealmId { get; } = realmId;

    public List<WebhookEvent> Pending { get; } = [];

    public WebhookBatch? Head { get; set; }
}

/// <summary>A notification being delivered: the exact bytes and signature are kept, so every retry is identical.</summary>
internal sealed class WebhookBatch(string id, byte[] body, string signature, int eventCount)
{
    public string Id { get; } = id;

    public byte[] Body { get; } = body;

    public string Signature { get; } = signature;

    public int EventCount { get; } = eventCount;

    public int Attempts { get; set; }

    /// <summary>When the batch may be sent (again); MinValue for a new batch.</summary>
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.MinValue;
}
