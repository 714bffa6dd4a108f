using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Sends a group of documents as one QBO batch request, exactly once. The batch (its items, their order, its
/// requestid, each item's bId and the exact body) is stored before it is sent. QBO's answer settles each item: created,
/// or refused with its own fault, which becomes its payload's outcome. When the answer is lost, the batch is settled
/// by the items' fingerprints (one query per document type): documents found are taken; when none is found, nothing
/// was written, and the identical stored batch goes again with the same requestid, so QBO, if it did run it after all,
/// answers as the first time (up to <see cref="MaxSends"/> sends). A batch never answered stays unsettled for the
/// payloads' own retries to settle.
/// </summary>
internal sealed partial class BatchSender(
    QboClient qbo, FingerprintLookup fingerprints, BatchStore store, LostBatchSettlements settlements, QboClock clock, TimeProvider time,
    ILogger<BatchSender> logger)
{
    /// <summary>
    /// How often one attempt sends a document, or a stored batch, whose answers are lost, each resend after a look-up that
    /// found none of it. With two, under the benchmark's fault mix (a quarter of the answers lost or a 5xx), one batch in
    /// sixteen went back to its payloads' retries, where each of its documents then cost a create of its own.
    /// </summary>
    internal const int MaxSends = 3;

    public async Task SendAsync(IReadOnlyList<LaneItem> group, CancellationToken cancellationToken)
    {
        try
        {
            var results = await SendStoredAsync(group.Select(item => item.Create).ToList(), cancellationToken);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Complete(results[i]);
            }
        }
        catch (Exception e)
        {
            // The sender's own attempt stopped (or the database failed): for the others the batch's outcome is unknown.
            var failure = e is OperationCanceledException
                ? new QboApiException(new QboFault(QboErrorKind.Network, 0, "The attempt sending this document's batch stopped before QBO answered."), e)
                : e;
            foreach (var item in group)
            {
                item.Complete(LaneResult.Failed(failure));
            }
        }
    }

    /// <summary>
    /// Settles a batch whose answer never came, by its items' fingerprints, and records it: found is created, not found
    /// is absent (QBO wrote nothing for it), unknown when the look-up could not see far enough back. Returns the items as
    /// stored, which another payload of the batch may have settled first. The look-up starts where the composing instance
    /// recorded (<see cref="StoredBatch.LookUpSince"/>); payloads of the batch settling it here at once share one look-up.
    /// </summary>
    public Task<IReadOnlyList<StoredBatchItem>> SettleLostAsync(StoredBatch batch, IReadOnlyList<StoredBatchItem> items, QboCredentials credentials,
        CancellationToken cancellationToken) =>
        settlements.SettleAsync(batch.RequestId, async () =>
        {
            var looked = await LookUpAsync(items, credentials, batch.LookUpSince, cancellationToken);
            var settled = await store.SettleAsync(batch.RequestId, looked, cancellationToken);
            LogSettledByFingerprint(logger, batch.RequestId, settled.Count(i => i.Outcome == BatchItemOutcomes.Created), settled.Count);
            return settled;
        }, cancellationToken);

    private async Task<IReadOnlyList<LaneResult>> SendStoredAsync(IReadOnlyList<DocumentCreate> creates, CancellationToken cancellationToken)
    {
        var first = creates[0];
        var body = BatchAnswers.Request(creates).ToJsonString();
        var createdAt = time.GetUtcNow().UtcDateTime;
        var batch = new StoredBatch
        {
            // At most 36 characters on a batch (REFERENCE §2.4).
            RequestId = Guid.NewGuid().ToString("N"),
            OrganizationId = first.OrganizationId,
            RealmId = first.Credentials.RealmId,
            State = BatchStates.Sent,
            Body = body,
            CreatedAt = createdAt,
            // Composed here, just before it is sent: in QBO's clock as this instance measures it, kept for any instance.
            EarliestCreateTime = clock.EarliestCreateTime(first.Credentials.RealmId, createdAt),
        };
        var items = creates.Select((create, index) => new StoredBatchItem
        {
            RequestId = batch.RequestId,
            Bid = BatchAnswers.Bid(index),
            Fingerprint = create.Fingerprint,
            PayloadId = create.PayloadId,
            EntityType = create.EntityType,
        }).ToList();
        await store.SaveAsync(batch, items, cancellationToken);
        LogSending(logger, batch.RequestId, items.Count);

        JsonObject answer;
        try
        {
            answer = await SendAsync(batch, first.Credentials, cancellationToken);
        }
        catch (QboApiException lost) when (lost.OutcomeUnknown)
        {
            var resent = await ResendWhileLostAsync(batch, items, first.Credentials, lost, cancellationToken);
            if (resent.Adopted is { } adopted)
            {
                return adopted;
            }

            answer = resent.Answer!;
        }
        catch (QboApiException refused)
        {
            // Refused as a whole (throttled, unauthorised, malformed): QBO ran none of it.
            await store.SettleAsync(batch.RequestId, [.. items.Select(item => item with { Outcome = BatchItemOutcomes.Absent })], cancellationToken);
            return [.. items.Select(_ => LaneResult.Failed(refused))];
        }

        var settled = BatchAnswers.Settle(answer, items);
        await store.SettleAsync(batch.RequestId, settled, cancellationToken);
        var unanswered = new QboApiException(new QboFault(QboErrorKind.Server, 200, "QBO's batch answer holds no result for this document."));
        return [.. settled.Select(item => BatchAnswers.Result(item, adopted: false, unanswered))];
    }

    /// <summary>
    /// After a lost answer: the batch's documents are looked up. When some are in QBO, QBO ran the batch and refused the
    /// others, which go again on their own, as recorded. When none is, QBO wrote nothing, and the identical batch goes
    /// again with the same requestid, so QBO, had it run the batch after all, answers as the first time. That repeats
    /// while answers are lost, up to <see cref="MaxSends"/> sends in all: each send follows a look-up that found nothing,
    /// and one batch request carries what would otherwise come back as one create per document. The last lost answer, a
    /// refusal of a resend, or a look-up that fails goes to the payloads' retries, and the batch stays unsettled for them.
    /// </summary>
    /// <returns>QBO's answer to a resend, or the documents' results when the look-up found the batch had run.</returns>
    private async Task<(JsonObject? Answer, IReadOnlyList<LaneResult>? Adopted)> ResendWhileLostAsync(StoredBatch batch, IReadOnlyList<StoredBatchItem> items,
        QboCredentials credentials, QboApiException lost, CancellationToken cancellationToken)
    {
        for (var send = 2; ; send++)
        {
            var looked = await LookUpAsync(items, credentials, batch.LookUpSince, cancellationToken);
            if (looked.Any(i => i.Outcome != BatchItemOutcomes.Absent))
            {
                await store.SettleAsync(batch.RequestId,
                    [.. looked.Select(i => i.Outcome == BatchItemOutcomes.Absent ? i with { Outcome = BatchItemOutcomes.Resent } : i)], cancellationToken);
                return (null, [.. looked.Select(item => BatchAnswers.Result(item, adopted: true, lost))]);
            }

            try
            {
                return (await SendAsync(batch, credentials, cancellationToken), null);
            }
            catch (QboApiException again) when (again.OutcomeUnknown && send < MaxSends)
            {
                lost = again;
            }
        }
    }

    private Task<JsonObject> SendAsync(StoredBatch batch, QboCredentials credentials, CancellationToken cancellationToken) =>
        qbo.BatchAsync(credentials, JsonNode.Parse(batch.Body)!.AsObject(), batch.RequestId, cancellationToken);

    private async Task<IReadOnlyList<StoredBatchItem>> LookUpAsync(IReadOnlyList<StoredBatchItem> items, QboCredentials credentials, DateTime createdSince,
        CancellationToken cancellationToken)
    {
        var settled = items.ToDictionary(item => item.Bid, StringComparer.Ordinal);
        foreach (var type in items.GroupBy(item => item.EntityType, StringComparer.Ordinal))
        {
            var wanted = type.Where(item => item.Outcome is null).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }

            var (found, complete) = await fingerprints.FindManyAsync(credentials, type.Key, [.. wanted.Select(item => item.Fingerprint)], createdSince,
                cancellationToken);
            foreach (var item in wanted)
            {
                settled[item.Bid] = found.TryGetValue(item.Fingerprint, out var document)
                    ? item with { Outcome = BatchItemOutcomes.Created, Response = document.ToJsonString() }
                    : complete ? item with { Outcome = BatchItemOutcomes.Absent } : item;
            }
        }

        return [.. items.Select(item => settled[item.Bid])];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending QBO batch {RequestId} with {Items} documents")]
    private static partial void LogSending(ILogger logger, string requestId, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QBO batch {RequestId} went unanswered; {Found} of its {Items} documents were found by fingerprint")]
    private static partial void LogSettledByFingerprint(ILogger logger, string requestId, int found, int items);
}
