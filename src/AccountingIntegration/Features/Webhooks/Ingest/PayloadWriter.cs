using System.Threading.Channels;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Makes accepted payloads durable before the 202. On MySQL each request commits its own InnoDB
/// transaction (the server groups the log flushes itself). On SQLite, which has one writer and
/// fsyncs every commit (synchronous=FULL), requests are group-committed: whatever arrived while
/// the previous batch was being written goes into the next transaction, so one fsync serves many
/// requests and each still answers only after its payload is on disk.
/// </summary>
internal sealed partial class PayloadWriter : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly WebhookStore _store;
    private readonly bool _batched;
    private readonly ILogger<PayloadWriter> _logger;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public PayloadWriter(WebhookStore store, Database database, ILogger<PayloadWriter> logger)
    {
        _store = store;
        _logger = logger;
        _batched = database.Provider == DatabaseProvider.Sqlite;
    }

    public async Task<PayloadAccepted> WriteAsync(NewPayload payload, CancellationToken cancellationToken)
    {
        if (!_batched)
        {
            return await _store.CreatePayloadAsync(payload, cancellationToken);
        }

        var pending = new Pending(payload, new TaskCompletionSource<PayloadAccepted>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            // The writer has shut down: write directly rather than refuse what we can still store.
            return await _store.CreatePayloadAsync(payload, cancellationToken);
        }

        return await pending.Result.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_batched)
        {
            return;
        }

        var batch = new List<Pending>(MaxBatch);
        // Not cancelled by stoppingToken: the loop ends when the channel is completed and drained,
        // so every request that was promised a write gets one.
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var results = await _store.CreatePayloadsAsync(batch.Select(p => p.Payload).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // One bad item must not fail its neighbours: write them one by one.
            LogBatchFailed(_logger, batch.Count, e);
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
            item.Result.TrySetResult(await _store.CreatePayloadAsync(item.Payload, CancellationToken.None));
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
