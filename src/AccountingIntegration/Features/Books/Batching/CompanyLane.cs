namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// One company's document creates on this instance. A document goes out at once, alone, while fewer than
/// <see cref="BatchOptions.SendersPerCompany"/> requests are in flight; documents that arrive meanwhile wait, and the
/// next sender to finish hands its turn to them. Requests are what a company has least of (500 a minute, 40 of them
/// batches), so batch requests are spent on full batches, or spaced evenly over the minute when fewer documents wait:
/// a sender takes a batch of up to <see cref="BatchOptions.MaxItems"/> when that many wait, or when a batch's share of
/// the minute has passed since the last one, and otherwise sends the first waiting document alone. The company's batch
/// requests are shared by every instance: while the shared window has none free (<c>sharedBatchFree</c>,
/// asked with the company's realm id), waiting documents go alone on the requests that are left rather than wait for it. Sends run on the
/// callers' own tasks (the first item's caller sends its group), so nothing runs in the background and a stopping
/// host waits for nothing.
/// </summary>
internal sealed class CompanyLane(BatchOptions options, TimeProvider time, Func<string, bool>? sharedBatchFree = null)
{
    /// <summary>The batch window, a second longer than QBO's minute: QBO counts arrivals, which trail our count a little.</summary>
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(61);

    private readonly Lock _gate = new();
    private readonly Queue<LaneItem> _waiting = new();
    private readonly Queue<DateTimeOffset> _batchesSent = new();
    private int _senders;

    /// <summary>How many documents wait for a sender's turn just now.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>The group the caller sends now (its own item alone), or null when the item must wait.</summary>
    public IReadOnlyList<LaneItem>? Join(LaneItem item)
    {
        lock (_gate)
        {
            if (_senders < options.SendersPerCompany && _waiting.Count == 0)
            {
                _senders++;
                item.Taken = true;
                return [item];
            }

            _waiting.Enqueue(item);
            return null;
        }
    }

    /// <summary>
    /// Waits until another sender's group carried the item (null) or the item's caller gets the turn to send a group
    /// (returned). A caller that stops waiting before its item was taken leaves it behind; once taken, it is sent.
    /// </summary>
    public async Task<IReadOnlyList<LaneItem>?> WaitAsync(LaneItem item, CancellationToken cancellationToken)
    {
        try
        {
            var first = await Task.WhenAny(item.Turn, item.Done).WaitAsync(cancellationToken);
            return first == item.Turn ? await item.Turn : null;
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (!item.Taken)
                {
                    item.Abandoned = true;
                    throw;
                }
            }

            // Taken in the meantime: the group may be this caller's to send (its turn follows at once), and every caller
            // in it waits for that.
            var first = await Task.WhenAny(item.Turn, item.Done);
            return first == item.Turn ? await item.Turn : null;
        }
    }

    /// <summary>A sender is done: its turn goes to the next group of waiting items, or is given up when none wait.</summary>
    public void Finish()
    {
        List<LaneItem> group = [];
        lock (_gate)
        {
            var size = _waiting.Count > 1 && BatchAllowed() ? options.MaxItems : 1;
            while (group.Count < size && _waiting.TryDequeue(out var next))
            {
                if (!next.Abandoned)
                {
                    next.Taken = true;
                    group.Add(next);
                }
            }

            if (group.Count == 0)
            {
                _senders--;
                return;
            }

            if (group.Count > 1)
            {
                _batchesSent.Enqueue(time.GetUtcNow());
            }
        }

        group[0].GiveTurn(group);
    }

    /// <summary>
    /// Whether a batch goes now (called under the lock): this minute's batch requests are not all spent, and either a
    /// full batch waits or a batch's share of the minute has passed since the last one.
    /// </summary>
    private bool BatchAllowed()
    {
        var now = time.GetUtcNow();
        while (_batchesSent.TryPeek(out var sent) && now - sent >= Minute)
        {
            _batchesSent.Dequeue();
        }

        if (_batchesSent.Count >= options.BatchesPerMinute)
        {
            return false;
        }

        var spacing = Minute / options.BatchesPerMinute;
        var due = _waiting.Count >= options.MaxItems || _batchesSent.Count == 0 || now - _batchesSent.Last() >= spacing;
        return due && (sharedBatchFree is null || sharedBatchFree(_waiting.Peek().Create.Credentials.RealmId));
    }
}
