namespace QboSandbox.Webhooks;

/// <summary>One change waiting to be notified; its Id is the CloudEvents id and stays the same across retries.</summary>
internal sealed record WebhookEvent(string Id, string RealmId, string Entity, string EntityId, string Operation, DateTimeOffset At);
