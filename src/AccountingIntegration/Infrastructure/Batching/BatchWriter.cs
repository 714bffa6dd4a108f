using System.Threading.Channels;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Infrastructure.Batching;

/// <summary>
/// Collects items from requests in a bounded channel and writes them in batches (up to
/// <see cref="BatchWriterOptions.MaxBatchSize"/>, or after <see cref="BatchWriterOptions.MaxDelay"/>),
/// so a request only pays for an in-memory write (<see cref="EnqueueAsync"/>), or, when the item must be stored before
/// the caller goes on (<see cref="StoreAsync"/>), for a share of one transaction with whatever else is queued. Nothing
/// is dropped: when the channel is full, or the writer is not running (a CLI command, or after shutdown), the item is
/// written through instead; a failed batch is retried; stopping drains the channel before the host exits.
/// </summary>
internal sealed class BatchWriter<T> : BackgroundService
{
    private readonly IBatchSink<T> _sink;
    private readonly BatchWriterOptions _options;
    private readonly ILogger<BatchWriter<T>> _logger;
    private readonly Channel<Pending> _channel;
    // Cancelled only when the host's shutdown grace runs out: until then a draining batch keeps retrying.
    private readonly CancellationTokenSource _abandon = new();
    private bool _accepting;

    public BatchWriter(IBatchSink<T> sink, BatchWriterOptions options, ILogger<BatchWriter<T>> logger)
    {
        _sink = sink;
        _options = options;
        _logger = logger;
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Queues one item; completes at once unless the item had to be written through.</summary>
    public Task EnqueueAsync(T item)
    {
        if (Volatile.Read(ref _accepting) && _channel.Writer.TryWrite(new Pending(item, true, null)))
        {
            return Task.CompletedTask;
        }

        // The caller's token is not used: the action being recorded has already happened.
        return _sink.WriteAsync([item], CancellationToken.None);
    }

    /// <summary>
    /// Queues one item and completes once it is stored (or abandoned at shutdown). The writer does not wait out
    /// <see cref="BatchWriterOptions.MaxDelay"/> for it: its batch is written as soon as the queue holds nothing more.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Stops the wait only: the item, once queued, is stored all the same.</param>
    public async Task StoreAsync(T item, CancellationToken cancellationToken)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Volatile.Read(ref _accepting) && _channel.Writer.TryWrite(new Pending(item, true, stored)))
        {
            await stored.Task.WaitAsync(cancellationToken);
            return;
        }

        await _sink.WriteAsync([item], CancellationToken.None);
    }

    /// <summary>Completes once every item queued before the call is stored (or abandoned at shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _accepting))
        {
            var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _channel.Writer.WriteAsync(new Pending(default, false, flushed), cancellationToken);
                await flushed.Task.WaitAsync(cancellationToken);
                return;
            }
            catch (ChannelClosedException)
            {
                // Stopping: the drain below writes what is left.
            }
        }

        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _accepting, true);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Later items are written through; everything already queued is drained by ExecuteAsync.
        _channel.Writer.TryComplete();
        using var abandonAtDeadline = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<T>(_options.MaxBatchSize);
        var waiters = new List<TaskCompletionSource>();
        // Not stoppingToken: the loop ends only once StopAsync has completed the channel and it is empty.
        while (await _channel.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await FillAsync(batch, waiters, stoppingToken);
            if (batch.Count > 0)
            {
                await WriteWithRetryAsync(batch);
            }

            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }

            batch.Clear();
            waiters.Clear();
        }
    }

    /// <summary>
    /// Takes items until the batch is full, or the delay has passed (at once when stopping), or, once someone waits for
    /// the batch to be stored (a flush, or an item stored), until nothing more is queued.
    /// </summary>
    private async Task FillAsync(List<T> batch, List<TaskCompletionSource> waiters, CancellationToken stoppingToken)
    {
        // Real time, not the injected TimeProvider: tests freeze that clock, and batching is plumbing, not business time.
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(_options.MaxDelay);
        while (true)
        {
            while (batch.Count < _options.MaxBatchSize && _channel.Reader.TryRead(out var pending))
            {
                if (pending.HasItem)
                {
                    batch.Add(pending.Item!);
                }

                if (pending.Stored is { } stored)
                {
                    waiters.Add(stored);
                }
            }

            if (batch.Count >= _options.MaxBatchSize || waiters.Count > 0 || window.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (!await _channel.Reader.WaitToReadAsync(window.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteWithRetryAsync(List<T> batch)
    {
        for (var attempt = 1; !_abandon.IsCancellationRequested; attempt++)
        {
            try
            {
                await _sink.WriteAsync(batch, _abandon.Token);
                return;
            }
            catch (DuplicateKeyException) when (attempt > 1)
            {
                // Items carry their ids from the start, so this means an earlier attempt committed but its answer was lost.
                return;
            }
            catch (Exception e) when (!_abandon.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 16))));
                BatchingLog.BatchFailed(_logger, e, batch.Count, _sink.Name, attempt, (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _abandon.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (Exception)
            {
                break;
            }
        }

        BatchingLog.BatchAbandoned(_logger, batch.Count, _sink.Name);
    }

    /// <summary>An item, or only a flush (no item); <paramref name="Stored"/> is set once the batch that took it is stored.</summary>
    private readonly record struct Pending(T? Item, bool HasItem, TaskCompletionSource? Stored);
}
