namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// One company's callers in this instance. Permits come in blocks from the shared budget (<see cref="IRealmBudgetStore"/>)
/// and go to the waiting kinds of traffic in weighted turns (<see cref="QboTrafficShares"/>). One loop per company runs
/// while anyone waits, so this instance's reservations and releases for the company happen one after another: a release
/// can never overwrite a later reservation's slots.
/// </summary>
internal sealed class RealmDispatcher(string realmId, IRealmBudgetStore store, RealmBudgetLimits limits, TimeProvider time, ILogger logger)
{
    /// <summary>How long to wait before asking the store again after it failed (the database is down).</summary>
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    /// <summary>How long giving slots or permits back may take; past it they come back through their lease or window.</summary>
    private static readonly TimeSpan GiveBackTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Queue<RealmWaiter>[] _waiting = [new(), new(), new(), new()];
    private readonly QboTrafficShares _shares = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _gaveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _grantId;
    private int _reserving;
    private int _inFlight;
    private int _held;
    private int _requestPermits;
    private int _batchPermits;
    private DateTimeOffset _permitsLapse;
    private int _sharedBatchesLeft = int.MaxValue;
    private DateTimeOffset _sharedBatchFreesAt;
    private bool _running;

    /// <summary>Queues a caller; its <see cref="RealmWaiter.Started"/> completes when it may send.</summary>
    public RealmWaiter Enqueue(QboTraffic traffic, bool isBatch)
    {
        var waiter = new RealmWaiter(traffic, isBatch);
        lock (_gate)
        {
            _waiting[(int)traffic].Enqueue(waiter);
            StartLoopLocked();
        }

        return waiter;
    }

    /// <summary>Requests started and not yet finished, counted from the hand-over of their permit.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>
    /// True while a reservation is on its way to the store. Tests that move a fake clock hold it still meanwhile, as they do
    /// while a request travels: a grant's permits are counted from when it was made.
    /// </summary>
    public bool Reserving => Volatile.Read(ref _reserving) > 0;

    /// <summary>
    /// Whether a batch request would likely start soon: this instance holds a batch permit, or the company's minute window
    /// had batches left when last asked (beyond the batches already waiting here), or its oldest batch has left it since.
    /// Other instances draw from the same window unseen, so this is a guess that is right while the window is not full;
    /// a batch that guessed wrong waits for the next batch to free, which the window lets go one at a time.
    /// </summary>
    public bool BatchLikelyFree()
    {
        lock (_gate)
        {
            if (_batchPermits > 0)
            {
                return true;
            }

            var waitingBatches = _waiting.Sum(queue => queue.Count(waiter => waiter.IsBatch && waiter.IsWaiting));
            return _sharedBatchesLeft - waitingBatches > 0 || time.GetUtcNow() >= _sharedBatchFreesAt;
        }
    }

    /// <summary>A caller stopped waiting: whatever the loop waits for, it looks again, and stops when nobody is left.</summary>
    public void GaveUp(RealmWaiter waiter, CancellationToken cancellationToken)
    {
        waiter.Cancel(cancellationToken);
        lock (_gate)
        {
            _gaveUp.TrySetResult();
        }
    }

    /// <summary>A started request answered (or failed): its slot is free for the next caller.</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _inFlight--;
            _released.TrySetResult();
            // Idle with slots recorded: the loop gives them back, so other instances need not wait for the lease to run out.
            if (_inFlight == 0 && _held > 0)
            {
                StartLoopLocked();
            }
        }
    }

    private void StartLoopLocked()
    {
        if (!_running)
        {
            _running = true;
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var step = NextStep(out var started, out var lapsesAt);
            foreach (var waiter in started)
            {
                if (!waiter.TryStart(lapsesAt))
                {
                    Finished();
                }
            }

            try
            {
                switch (step)
                {
                    case Step.Done:
                        return;
                    case Step.Release:
                        await GiveBackAsync(ct => store.ReleaseAsync(realmId, 0, ct));
                        break;
                    case Step.Return give:
                        await GiveBackAsync(ct => store.ReturnAsync(realmId, give.GrantId, give.Requests, give.Batches, ct));
                        break;
                    case Step.Reserve reserve:
                        await ReserveAsync(reserve.Request);
                        break;
                    case Step.Wait wait:
                        await WaitAsync(wait.Until, wait.OrRelease);
                        break;
                }
            }
            catch (Exception e)
            {
                // The loop must survive a failing database: callers keep waiting (within their own time-outs) and it tries
                // again; a caller giving up wakes it, so it stops rather than waits for a clock nobody moves.
                Log.BudgetStoreFailed(logger, realmId, e);
                await WaitAsync(time.GetUtcNow() + StoreRetry, orRelease: false);
            }
        }
    }

    /// <summary>Starts whoever can start now and decides what the loop does next; stops the loop when nothing is left to do.</summary>
    private Step NextStep(out List<RealmWaiter> started, out DateTimeOffset lapsesAt)
    {
        started = [];
        lock (_gate)
        {
            lapsesAt = _permitsLapse;
            if ((_requestPermits > 0 || _batchPermits > 0) && time.GetUtcNow() >= _permitsLapse)
            {
                // Lapsed unused: no request went out on them, so they go back rather than fill the company's windows.
                if (HasPermitsLocked)
                {
                    return TakeBackPermitsLocked();
                }

                _requestPermits = 0;
                _batchPermits = 0;
            }

            while (_inFlight < _held && _requestPermits > 0 && _shares.Next(CanStart) is { } traffic)
            {
                var waiter = _waiting[(int)traffic].Dequeue();
                _requestPermits--;
                _batchPermits -= waiter.IsBatch ? 1 : 0;
                _inFlight++;
                started.Add(waiter);
            }

            var (waiting, batches) = CountWaiting();
            if (waiting == 0)
            {
                if (HasPermitsLocked)
                {
                    // Their callers gave up: the permits go back at once.
                    return TakeBackPermitsLocked();
                }

                if (_inFlight == 0 && _held > 0)
                {
                    _held = 0;
                    return new Step.Release();
                }

                _running = false;
                return new Step.Done();
            }

            if (_requestPermits > 0)
            {
                // Permits in hand, but every slot busy (or only batches wait without batch permits): wait for a slot or the lapse.
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new Step.Wait(_permitsLapse, OrRelease: true);
            }

            if (HasPermitsLocked)
            {
                // Only batch permits are left, which non-batch callers cannot use: back before asking for more.
                return TakeBackPermitsLocked();
            }

            _gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new Step.Reserve(new RealmBudgetRequest(realmId, Math.Min(waiting, limits.MaxBlock), Math.Min(batches, limits.MaxBlock), _inFlight,
                Math.Min(limits.Concurrent, _inFlight + waiting)));
        }
    }

    private bool HasPermitsLocked => _grantId is not null && (_requestPermits > 0 || _batchPermits > 0);

    private Step TakeBackPermitsLocked()
    {
        var give = new Step.Return(_grantId!, _requestPermits, _batchPermits);
        _requestPermits = 0;
        _batchPermits = 0;
        _grantId = null;
        return give;
    }

    /// <summary>Gives slots or permits back, best effort: if the store fails, the lease or the window returns them anyway.</summary>
    private async Task GiveBackAsync(Func<CancellationToken, Task> give)
    {
        using var timeout = new CancellationTokenSource(GiveBackTimeout);
        try
        {
            await give(timeout.Token);
        }
        catch (Exception e)
        {
            Log.BudgetStoreFailed(logger, realmId, e);
        }
    }

    private async Task ReserveAsync(RealmBudgetRequest request)
    {
        RealmGrant grant;
        Interlocked.Increment(ref _reserving);
        try
        {
            grant = await store.ReserveAsync(request, CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref _reserving);
        }

        bool slotsStandInTheWay;
        lock (_gate)
        {
            _held = grant.Held;
            _requestPermits = grant.Requests;
            _batchPermits = grant.Batches;
            _permitsLapse = grant.LapsesAt;
            _grantId = grant.GrantId;
            _sharedBatchesLeft = grant.BatchesLeft;
            _sharedBatchFreesAt = grant.BatchFreesAt ?? time.GetUtcNow();
            slotsStandInTheWay = grant.Held <= request.InFlight;
            if (grant.Requests > 0)
            {
                return;
            }

            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await WaitAsync(grant.RetryAt, slotsStandInTheWay);
    }

    /// <summary>
    /// Waits on the injected clock until <paramref name="until"/>, or until a caller gives up (then nobody may be left to
    /// wait for: the loop must not sleep on a clock that nobody moves), or with <paramref name="orRelease"/> a slot frees.
    /// </summary>

    private async Task WaitAsync(DateTimeOffset until, bool orRelease)
    {
        var delay = until - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = new CancellationTokenSource();
        var timer = Task.Delay(delay, time, stop.Token);
        Task released;
        Task gaveUp;
        lock (_gate)
        {
            released = _released.Task;
            gaveUp = _gaveUp.Task;
        }

        await Task.WhenAny(orRelease ? [timer, gaveUp, released] : [timer, gaveUp]);
        await stop.CancelAsync();
    }

    private bool CanStart(QboTraffic traffic)
    {
        var queue = _waiting[(int)traffic];
        while (queue.TryPeek(out var head) && !head.IsWaiting)
        {
            queue.Dequeue();
        }

        return queue.TryPeek(out var next) && (!next.IsBatch || _batchPermits > 0);
    }

    private (int Waiting, int Batches) CountWaiting()
    {
        var waiting = 0;
        var batches = 0;
        foreach (var queue in _waiting)
        {
            foreach (var waiter in queue)
            {
                if (waiter.IsWaiting)
                {
                    waiting++;
                    batches += waiter.IsBatch ? 1 : 0;
                }
            }
        }

        return (waiting, batches);
    }

    private abstract record Step
    {
        public sealed record Done : Step;

        public sealed record Release : Step;

        public sealed record Return(string GrantId, int Requests, int Batches) : Step;

        public sealed record Reserve(RealmBudgetRequest Request) : Step;

        public sealed record Wait(DateTimeOffset Until, bool OrRelease) : Step;
    }
}
