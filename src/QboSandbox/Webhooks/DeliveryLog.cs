namespace QboSandbox.Webhooks;

/// <summary>The last 1,000 delivery attempts, oldest first. Guarded by the hub's lock.</summary>
internal sealed class DeliveryLog
{
    private const int Capacity = 1000;

    private readonly LinkedList<WebhookDelivery> _entries = new();

    public IReadOnlyList<WebhookDelivery> Entries => [.. _entries];

    public void Add(WebhookDelivery delivery)
    {
        _entries.AddLast(delivery);
        while (_entries.Count > Capacity)
        {
            _entries.RemoveFirst();
        }
    }

    public void Clear() => _entries.Clear();
}
