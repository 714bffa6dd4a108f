using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// Creates documents in QBO exactly once, alone or in batches (docs/books.md, "Batches" and "Exactly once"). A
/// document goes out at once when its company's lane is free; while the lane is busy, documents gather and leave
/// together as one batch request, stored before it is sent (<see cref="BatchSender"/>). A create whose outcome is
/// unknown is never sent blindly again: its document is looked for by fingerprint first.
/// </summary>
internal sealed class DocumentBatcher(
    QboClient qbo, FingerprintLookup fingerprints, BatchStore store, UncertainCreates uncertain, BatchSender sender, CompanyLanes lanes, BatchOptions options,
    QboClock clock, TimeProvider time)
{
    /// <summary>
    /// Creates the document, or takes the one an earlier attempt wrote. With <paramref name="lookFirst"/> (a payload
    /// resumed after an attempt that may have sent it), its earlier batch, if any, is settled first; unless that batch
    /// created it, QBO is asked.
    /// </summary>
    public async Task<CreatedDocument> CreateAsync(DocumentCreate item, bool lookFirst, CancellationToken cancellationToken)
    {
        if (lookFirst && await FindEarlierAsync(item, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        // A resumed document goes alone, under its own requestid: if an earlier attempt sent it the same way (before a
        // crash, or from a version that stamped no fingerprint), QBO's request-id memory answers with that document too.
        if (options.MaxItems <= 1 || lookFirst)
        {
            return await CreateAloneAsync(item, cancellationToken);
        }

        var lane = lanes.For(item.OrganizationId);
        var entry = new LaneItem(item);
        var group = lane.Join(entry) ?? await lane.WaitAsync(entry, cancellationToken);
        if (group is not null)
        {
            try
            {
                await SendGroupAsync(group, cancellationToken);
            }
            finally
            {
                lane.Finish();
            }
        }

        var result = await entry.Done.WaitAsync(cancellationToken);
        return result switch
        {
            { Document: { } document } => document,
            { Error: { } error } => throw error,
            _ => await CreateAloneAsync(item, cancellationToken),
        };
    }

    private async Task SendGroupAsync(IReadOnlyList<LaneItem> group, CancellationToken cancellationToken)
    {
        if (group.Count > 1)
        {
            await sender.SendAsync(group, cancellationToken);
            return;
        }

        try
        {
            group[0].Complete(LaneResult.Of(await CreateAloneAsync(group[0].Create, cancellationToken)));
        }
        catch (Exception e)
        {
            group[0].Complete(LaneResult.Failed(e));
        }
    }

    /// <summary>
    /// One create request with the document's own requestid. After an unknown outcome (no answer, a time-out, a 5xx)
    /// the document is looked for by its fingerprint and taken when found, else sent again with the same requestid, up
    /// to <see cref="BatchSender.MaxSends"/> sends in all; the last unknown outcome, or a look-up that fails, goes to the
    /// payload's own retry, which looks first. The look-up starts when the first request was sent, in QBO's clock as
    /// measured: anything older was settled before (a first attempt sent nothing earlier, and a resumed one looked
    /// first), so the look-up reads only what the company created since.
    /// </summary>
    private async Task<CreatedDocument> CreateAloneAsync(DocumentCreate item, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow().UtcDateTime;
        try
        {
            return await SendAloneAsync(item, cancellationToken);
        }
        catch (QboApiException lost) when (lost.OutcomeUnknown)
        {
            // Kept before the look-up, which may fail as well: the payload's later attempt, on any instance, reads from here.
            var since = clock.EarliestCreateTime(item.Credentials.RealmId, sentAt);
            await uncertain.KeepAsync(item.Fingerprint, since, cancellationToken);
            for (var send = 2; ; send++)
            {
                if (await FindAsync(item, since, cancellationToken) is { } written)
                {
                    return new CreatedDocument(written, Adopted: true);
                }

                try
                {
                    return await SendAloneAsync(item, cancellationToken);
                }
                catch (QboApiException again) when (again.OutcomeUnknown && send < BatchSender.MaxSends)
                {
                    // Lost again: QBO is asked again before the next send.
                }
            }
        }
    }

    private async Task<CreatedDocument> SendAloneAsync(DocumentCreate item, CancellationToken cancellationToken) =>
        new(await qbo.CreateOnceAsync(item.Credentials, item.EntityType, item.Body, item.RequestId, cancellationToken), Adopted: false);

    /// <summary>
    /// What an earlier attempt wrote for this document: its batch's stored answer (settling the batch by fingerprint
    /// first when that answer never came), else what QBO holds with its fingerprint. Null: nothing was written.
    /// </summary>
    private async Task<CreatedDocument?> FindEarlierAsync(DocumentCreate item, CancellationToken cancellationToken)
    {
        if (await store.FindByFingerprintAsync(item.Fingerprint, cancellationToken) is { } stored)
        {
            var items = stored.Batch.State == BatchStates.Sent
                ? await sender.SettleLostAsync(stored.Batch, stored.Items, item.Credentials, cancellationToken)
                : stored.Items;
            var mine = items.First(i => i.Fingerprint == item.Fingerprint);
            switch (mine.Outcome)
            {
                case BatchItemOutcomes.Created:
                    return new CreatedDocument(BatchAnswers.Entity(mine), Adopted: true);
                case BatchItemOutcomes.Absent:
                    // QBO wrote nothing for it, and nothing has been sent since: it goes alone now, recorded first, so that
                    // should this create's answer be lost too, the next attempt asks QBO instead of trusting the batch.
                    await store.MarkResentAsync(mine, cancellationToken);
                    return null;
            }

            // Sent alone since the batch (Resent), or refused with a fault, after which the booking may have sent it again
            // under another number: only QBO can tell. Trusting the batch here booked an order twice under the fault mix.
            // Nothing that wrote it went before the batch: a document joins a batch only on its payload's first attempt,
            // and only a refusal (which writes nothing) sends it in a later batch. So the look-up starts where the batch's does.
            return await FindAsync(item, stored.Batch.LookUpSince, cancellationToken) is { } sentSince ? new CreatedDocument(sentSince, Adopted: true) : null;
        }

        // An earlier attempt, perhaps on another instance, sent it alone. When its answer was lost, that attempt kept where
        // the look-up starts: nothing sent before wrote it (that attempt was the first, or had looked first and found
        // nothing). Otherwise (it crashed first), at some time since the payload arrived.
        var since = await uncertain.EarliestCreateTimeAsync(item.Fingerprint, cancellationToken) ?? QboClock.Unmeasured(item.NotBefore);
        return await FindAsync(item, since, cancellationToken) is { } found ? new CreatedDocument(found, Adopted: true) : null;
    }

    private Task<JsonObject?> FindAsync(DocumentCreate item, DateTime createdSince, CancellationToken cancellationToken) =>
        fingerprints.FindAsync(item.Credentials, item.EntityType, item.Fingerprint, item.CustomerId, createdSince, cancellationToken);
}
