using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Makes accepted payloads durable before the 202. On MySQL each request commits its own InnoDB
/// transaction (the server groups the log flushes itself). On SQLite, which has one writer and
/// fsyncs every commit (synchronous=FULL), requests are group-committed by a leader: the request
/// that finds the writer free writes everything queued so far in one transaction, then the next
/// waiting request does the same for what arrived meanwhile. One fsync serves many requests, each
/// still answers only after its own payload is on disk, and a lone request pays no hand-off.
/// </summary>
internal sealed partial class PayloadWriter(WebhookStore store, Database database, ILogger<PayloadWriter> logger)
{
    private const int MaxBatch = 256;

    private readonly bool _batched = database.Provider == DatabaseProvider.Sqlite;
    private readonly SemaphoreSlim _leader = new(1, 1);
    private readonly Queue<Pending> _queue = new();

    public async Task<PayloadAccepted> WriteAsync(NewPayload payload, CancellationToken cancellationToken)
    {
        if (!_batched)
        {
            return await store.CreatePayloadAsync(payload, cancellationToken);
        }

        var pending = new Pending(payload, new TaskCompletionSource<PayloadAccepted>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_queue)
        {
            _queue.Enqueue(pending);
        }

        while (!pending.Result.Task.IsCompleted)
        {
            // Not cancellable: once queued, a payload may be part of someone else's batch.
            await _leader.WaitAsync(CancellationToken.None);
            try
            {
                if (!pending.Result.Task.IsCompleted)
                {
                    await WriteBatchAsync(TakeBatch());
                }
            }
            finally
            {
                _leader.Release();
            }
        }

        return await pending.Result.Task;
    }

    private List<Pending> TakeBatch()
    {
        lock (_queue)
        {
            var batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            return batch;
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var results = await store.CreatePayloadsAsync(batch.Select(p => p.Payload).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // One bad item must not fail its neighbours: write them one by one.
            LogBatchFailed(logger, batch.Count, e);
            foreach (var item in batch)
            {
                await WriteOneAsync(item);
            }
        }
        catch (Exception e)
        {
            batch[0].Result.TrySetException(e);
        }
    }

    private async Task WriteOneAsync(Pending item)
    {
        try
        {
            item.Result.TrySetResult(await store.CreatePayloadAsync(item.Payload, CancellationToken.None));
        }
        catch (Exception e)
        {
            item.Result.TrySetException(e);
        }
    }

    private sealed record Pending(NewPayload Payload, TaskCompletionSource<PayloadAccepted> Result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} payloads failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
