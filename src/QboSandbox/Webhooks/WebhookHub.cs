using QboSandbox.State;

namespace QboSandbox.Webhooks;

/// <summary>
/// Registered webhooks and the events waiting for them, one ordered queue per webhook and realm. Changes are queued
/// as they happen (only for realms the webhook's app is connected to, as Intuit sends "only for companies connected
/// through OAuth"); a delivery pass turns each queue's waiting events into one signed POST, and retries failed POSTs
/// on Intuit's schedule (10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h) measured on the sandbox's
/// TimeProvider. One pass runs at a time, so a realm's batches never overtake each other.
/// </summary>
internal sealed class WebhookHub : IDisposable
{
    private static readonly TimeSpan[] IntuitRetrySchedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(20), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
    ];

    private readonly Lock _gate = new();
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebhookSender _sender;
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Dictionary<int, WebhookRegistration> _registrations = [];
    private readonly Dictionary<(int WebhookId, string RealmId), RealmQueue> _queues = [];
    private readonly DeliveryLog _log = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _lastId;

    public WebhookHub(SandboxOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _sender = new WebhookSender(options);
        RegisterConfigured();
    }

    /// <summary>Completes when a registration, a failed delivery or <see cref="Wake"/> may have moved the next due time.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>The earliest time a failed batch may be retried, if any is waiting.</summary>
    public DateTimeOffset? NextRetryAt
    {
        get
        {
            lock (_gate)
            {
                var due = _queues.Values.Where(q => q.Head is not null).Select(q => q.Head!.NextAttemptAt).ToList();
                return due.Count == 0 ? null : due.Min();
            }
        }
    }

    public int Register(SandboxWebhook webhook)
    {
        lock (_gate)
        {
            var registration = WebhookRegistration.From(_lastId + 1, webhook);
            _lastId = registration.Id;
            _registrations[registration.Id] = registration;
            Signal();
            return registration.Id;
        }
    }

    /// <summary>The registration's verifier token (generated when none was given).</summary>
    public string? VerifierToken(int id)
    {
        lock (_gate)
        {
            return _registrations.GetValueOrDefault(id)?.VerifierToken;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            foreach (var key in _queues.Keys.Where(k => k.WebhookId == id).ToList())
            {
                _queues.Remove(key);
            }

            return _registrations.Remove(id);
        }
    }

    public IReadOnlyList<WebhookSummary> Summaries()
    {
        lock (_gate)
        {
            return [.. _registrations.Values.OrderBy(r => r.Id).Select(r => new WebhookSummary(
                r.Id, r.Url.ToString(), r.ClientId, r.Format, [.. r.Entities.Order(StringComparer.Ordinal)],
                _queues.Values.Where(q => q.WebhookId == r.Id).Sum(q => q.Pending.Count + (q.Head?.EventCount ?? 0))))];
        }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (_gate)
        {
            return _log.Entries;
        }
    }

    /// <summary>Queues a change for every webhook that wants it. Called under the company's gate: it only takes short locks.</summary>
    public void Record(EntityChange change, Func<string, string, bool> isConnected)
    {
        if (!WebhookEntities.IsNotified(change.Entity))
        {
            return;
        }

        List<WebhookRegistration> targets;
        lock (_gate)
        {
            targets = [.. _registrations.Values.Where(r => r.Wants(change.Entity))];
        }

        // Intuit notifies only companies connected to the app, and only events after the connection.
        targets.RemoveAll(r => !isConnected(r.ClientId, change.RealmId));
        if (targets.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var registration in targets.Where(r => _registrations.ContainsKey(r.Id)))
            {
                var key = (registration.Id, change.RealmId);
                if (!_queues.TryGetValue(key, out var queue))
                {
                    queue = new RealmQueue(registration.Id, change.RealmId);
                    _queues[key] = queue;
                }

                queue.Pending.Add(new WebhookEvent(Guid.NewGuid().ToString(), change.RealmId, change.Entity, change.Id, change.Operation, change.At));
            }
        }
    }

    /// <summary>
    /// One delivery pass: batches whose retry is due are sent again; with <paramref name="includeWaitingEvents"/>
    /// (the periodic send, or a flush) each idle queue's waiting events go out as a new batch.
    /// </summary>
    public async Task<WebhookFlushResult> DeliverAsync(bool includeWaitingEvents, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var work = TakeDueBatches(includeWaitingEvents);
            var outcomes = await Task.WhenAll(work.Select(w => SendAsync(w.Queue, w.Registration, w.Batch, cancellationToken))).ConfigureAwait(false);
            lock (_gate)
            {
                var waiting = _queues.Values.Count(q => q.Head is not null);
                return new WebhookFlushResult(outcomes.Count(o => o), outcomes.Count(o => !o), waiting);
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Makes the dispatcher look at its due times again (the send interval changed).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            Signal();
        }
    }

    /// <summary>Forgets registrations added at run time, queued events and the delivery log; configured webhooks stay.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _registrations.Clear();
            _queues.Clear();
            _log.Clear();
            _lastId = 0;
        }

        RegisterConfigured();
    }

    public void Dispose()
    {
        _sender.Dispose();
        _pass.Dispose();
    }

    private List<(RealmQueue Queue, WebhookRegistration Registration, WebhookBatch Batch)> TakeDueBatches(bool includeWaitingEvents)
    {
        var now = _time.GetUtcNow();
        var work = new List<(RealmQueue, WebhookRegistration, WebhookBatch)>();
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                var registration = _registrations[queue.WebhookId];
                if (queue.Head is null && includeWaitingEvents && queue.Pending.Count > 0)
                {
                    var body = WebhookPayloads.Build(registration.Format, registration.ClientId, queue.RealmId, queue.Pending);
                    queue.Head = new WebhookBatch(Guid.NewGuid().ToString("N"), body, WebhookSignature.Sign(registration.VerifierToken, body), queue.Pending.Count);
                    queue.Pending.Clear();
                }

                if (queue.Head is { } head && head.NextAttemptAt <= now)
                {
                    work.Add((queue, registration, head));
                }
            }
        }

        return work;
    }

    private async Task<bool> SendAsync(RealmQueue queue, WebhookRegistration registration, WebhookBatch batch, CancellationToken cancellationToken)
    {
        var sentAt = _time.GetUtcNow();
        var outcome = await _sender.SendAsync(registration.Url, batch, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            batch.Attempts++;
            DateTimeOffset? next = null;
            if (outcome.Acknowledged)
            {
                if (ReferenceEquals(queue.Head, batch))
                {
                    queue.Head = null;
                }
            }
            else
            {
                // Retries count from the attempt, not from when its failure was seen: the schedule stays exact.
                next = sentAt + RetryDelay(batch.Attempts);
                batch.NextAttemptAt = next.Value;
                Signal();
                Log.DeliveryFailed(_logger, queue.WebhookId, queue.RealmId, batch.Attempts, outcome.Error ?? $"HTTP {outcome.StatusCode}", next.Value);
            }

            _log.Add(new WebhookDelivery(
                queue.WebhookId, queue.RealmId, batch.Id, batch.Attempts, batch.EventCount, sentAt, outcome.StatusCode, outcome.Error, outcome.Acknowledged, next));
        }

        return outcome.Acknowledged;
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delays = _options.WebhookRetryDelays ?? IntuitRetrySchedule;
        return delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(attempts, delays.Count) - 1];
    }

    private void RegisterConfigured()
    {
        foreach (var webhook in _options.Webhooks)
        {
            Register(webhook);
        }
    }

    /// <summary>Wakes the dispatcher (call under the lock).</summary>
    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
