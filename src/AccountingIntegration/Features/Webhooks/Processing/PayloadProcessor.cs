using System.Diagnostics;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// One attempt at one payload (SPEC §6): effective mapping → invoice draft → customer and item
/// references → a valid token → create the invoice with a requestid derived from the payload id
/// → record the outcome with its sync log row, atomically (<see cref="OutcomeRecorder"/>). Every outcome
/// is classified: succeeded, skipped, waiting_connection, failed (permanent), retrying (transient)
/// or dead (out of attempts). Nothing here throws HTTP errors: every refusal is an outcome.
/// </summary>
internal sealed partial class PayloadProcessor(
    WebhookStore webhooks,
    OrganizationDirectory organizations,
    MappingMergerService mappings,
    TokenManager tokens,
    QboReferenceResolver references,
    MappedDocumentCurrency currencies,
    DocumentBatcher documents,
    OutcomeRecorder recorder,
    RetrySchedule retries,
    PayloadOutcomes outcomes,
    EventBooking booking,
    IStatedSales statedSales,
    LedgerStore ledger,
    ReviveExpiredSaleWaits revive,
    SaleTurns saleTurns,
    SaleTurnWaiters saleWaiters,
    WebhookOptions options,
    WorkSignal signal,
    ServiceMetrics metrics,
    TimeProvider time,
    ILogger<PayloadProcessor> logger)
{
    public async Task<PayloadOutcome> ProcessAsync(QueueClaim claim, CancellationToken cancellationToken)
    {
        // A request waiting for this payload here takes its outcome from the announcement below, not from the committed
        // row: the attempt is not over at its commit (the wake-ups after it, its metrics).
        outcomes.BeginAttempt(claim.PayloadId);
        try
        {
            return await AttemptAsync(claim, cancellationToken);
        }
        finally
        {
            outcomes.EndAttempt(claim.PayloadId);
        }
    }

    private async Task<PayloadOutcome> AttemptAsync(QueueClaim claim, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(claim, Stopwatch.GetTimestamp(), ledger.ForAttempt());
        PayloadOutcome outcome;
        try
        {
            outcome = await RunOrRetryAsync(attempt, cancellationToken);
        }
        catch (LeaseLostException)
        {
            // Another attempt holds the payload now and writes its outcome; this one is told to no one.
            LogLeaseLost(logger, claim.Attempts);
            return new PayloadOutcome(claim.PayloadId, PayloadStatus.Processing, false, null, null, null);
        }

        // The outcome released the payload's sale turns: those that waited here for them go now.
        if (saleWaiters.Take(claim.PayloadId) is { Count: > 0 } waited)
        {
            await AfterCommitAsync(() => WakeSaleWaitersAsync(claim.PayloadId, waited, cancellationToken));
        }

        // Counted before the outcome is published: a caller woken by it (?wait=N) then finds it in /metrics.
        metrics.PayloadProcessed(outcome.Status, Stopwatch.GetElapsedTime(attempt.StartedAt));
        await outcomes.PublishAsync(claim.OrganizationId, outcome, cancellationToken);
        return outcome;
    }

    private async Task<PayloadOutcome> RunOrRetryAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var claim = attempt.Claim;
        try
        {
            return await RunAsync(attempt, cancellationToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or LeaseLostException))
        {
            // A bug or an unexpected answer must not leave the payload leased forever: it counts as a
            // failed attempt and backs off like any transient failure, so a poison payload ends dead.
            LogUnexpected(logger, e);
            var payload = await webhooks.GetPayloadAsync(claim.OrganizationId, claim.PayloadId, claim.ReceivedAt, cancellationToken);
            if (payload is null)
            {
                throw;
            }

            return await RetryAsync(attempt, payload, OutcomeCodes.InternalError, "The attempt failed unexpectedly; see the service log.", null, null, null, cancellationToken);
        }
    }

    private async Task<PayloadOutcome> RunAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var claim = attempt.Claim;
        var payload = await webhooks.GetPayloadAsync(claim.OrganizationId, claim.PayloadId, claim.ReceivedAt, cancellationToken);
        if (payload is null)
        {
            // The archive row is gone (retention); nothing is left to do.
            await recorder.PayloadMissingAsync(claim.PayloadId, cancellationToken);
            return new PayloadOutcome(claim.PayloadId, PayloadStatus.Skipped, false, null, null, OutcomeCodes.PayloadMissing);
        }

        var organization = await organizations.GetByIdAsync(claim.OrganizationId, cancellationToken);
        if (organization is not { IsActive: true })
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.OrganizationInactive, "The organization is deactivated.", null, null, cancellationToken);
        }

        var source = await webhooks.GetSourceAsync(claim.OrganizationId, payload.SourceId, cancellationToken);
        if (source is null)
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Skipped, IngestErrors.SourceNotFoundCode, "The payload's webhook source no longer exists.", null, null,
                cancellationToken);
        }

        var effective = await mappings.GetEffectiveMappingAsync(source.AsOrganizationSource(), cancellationToken);
        if (VendorAdapters.For(source.SourceType) is { } adapter)
        {
            // A vendor's events book with its adapter; without any layer, each event does what it means.
            return await BookVendorEventAsync(attempt, payload, organization, adapter, effective.Mapping, cancellationToken);
        }

        if (effective.Mapping is null)
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Skipped, OutcomeCodes.NoMapping, "No mapping layer applies to this source.", null, null, cancellationToken);
        }

        var entityType = GenericDocument.EntityFor(effective.Mapping, payload.EventType, out var refusal);
        if (refusal is not null)
        {
            return await FinishAsync(attempt, payload, refusal.Status, refusal.Code, refusal.Message, null, null, cancellationToken);
        }

        // From the stored text in one pass: no document is built when the mapping reads plain property paths.
        var draft = InvoiceDraftBuilder.Build(payload.RawPayload, effective.Mapping);

        if (!draft.IsValid)
        {
            var problems = string.Join("; ", draft.Errors.Select(e => $"{e.Field}: {e.Message}"));
            return await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.MappingError, problems, draft.Invoice, null, cancellationToken);
        }

        return await SendAsync(attempt, payload, organization, draft, entityType!, cancellationToken);
    }

    private async Task<PayloadOutcome> SendAsync(Attempt attempt, WebhookPayload payload, Organization organization, InvoiceDraftResult draft, string entityType,
        CancellationToken cancellationToken)
    {
        var invoice = draft.Invoice;
        ValidToken? token = null;
        try
        {
            token = await tokens.GetValidTokenAsync(organization.OrganizationId, cancellationToken);
            var credentials = new QboCredentials(token.RealmId, token.AccessToken);
            var currency = await currencies.ReadAsync(organization.OrganizationId, credentials, invoice, cancellationToken);
            if (currency.Refusal is { } refusal)
            {
                return await FinishAsync(attempt, payload, PayloadStatus.Failed, OutcomeCodes.BookingRefused, refusal, invoice, null, cancellationToken);
            }

            await references.ApplyAsync(credentials, invoice, draft.Resolvers, ResolutionPolicy.From(organization.Settings), currency.Customer, cancellationToken);
            var body = GenericDocument.Shape(invoice, entityType);
            // Exactly once as the books' documents are (docs/books.md, "Exactly once"): the payload id is the requestid and
            // the fingerprint in the note, and an attempt after one that may have sent it looks in QBO before sending.
            var requestId = RequestIdFor(payload.PayloadId);
            DocumentFingerprint.Stamp(body, requestId);
            var sent = await documents.CreateAsync(
                new DocumentCreate(organization.OrganizationId, credentials, payload.PayloadId, entityType, body, requestId, requestId, payload.ReceivedAt),
                Resumed(attempt, payload), cancellationToken);
            return await SucceedAsync(attempt, payload, body, sent.Document, cancellationToken);
        }
        catch (Exception e) when (QboFailure(e) is not null)
        {
            return await QboFailedAsync(attempt, payload, await AfterRejectionAsync(organization.OrganizationId, token, e, cancellationToken), invoice, cancellationToken);
        }
    }

    /// <summary>What a failure on the way to QBO means for the payload: wait for a connection, fail for good, or retry.</summary>
    private static string? QboFailure(Exception e) => e switch
    {
        QboNotConnectedException => PayloadStatus.WaitingConnection,
        ReferenceNotFoundException => PayloadStatus.Failed,
        FingerprintUnsettledException => PayloadStatus.Retrying,
        QboApiException { Kind: QboErrorKind.Validation or QboErrorKind.NotFound or QboErrorKind.Authorization } => PayloadStatus.Failed,
        QboApiException or IntuitOAuthException => PayloadStatus.Retrying,
        _ => null,
    };

    private async Task<PayloadOutcome> QboFailedAsync(Attempt attempt, WebhookPayload payload, Exception failure, JsonObject? invoice, CancellationToken cancellationToken) =>
        failure switch
        {
            QboNotConnectedException e => await FinishAsync(attempt, payload, PayloadStatus.WaitingConnection, OutcomeCodes.QboNotConnected, e.Message, invoice, null,
                cancellationToken),
            ReferenceNotFoundException e => await FinishAsync(attempt, payload, PayloadStatus.Failed, e.Code, e.Message, invoice, null, cancellationToken),
            // QBO said no to this document; sending it again cannot help. Its code and words are kept.
            QboApiException { Kind: QboErrorKind.Validation or QboErrorKind.NotFound or QboErrorKind.Authorization } e => await FinishAsync(attempt, payload,
                PayloadStatus.Failed, $"QBO_{e.Code ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}", Describe(e), invoice, FaultJson(e),
                cancellationToken),
            // 401 (the token died between refresh and use), 429, 5xx, time-outs: try again later.
            QboApiException e => await RetryAsync(attempt, payload, $"QBO_{e.Kind.ToString().ToUpperInvariant()}", Describe(e), invoice, FaultJson(e), e.RetryAfter,
                cancellationToken),
            IntuitOAuthException e => await RetryAsync(attempt, payload, OutcomeCodes.QboOAuthUnavailable, e.Message, invoice, null, null, cancellationToken),
            // Not knowing whether QBO has the document is never a reason to send it again: later, the look-up may settle it.
            FingerprintUnsettledException e => await RetryAsync(attempt, payload, FingerprintUnsettledException.Code, e.Message, invoice, null, null, cancellationToken),
            _ => throw failure,
        };

    private async Task<PayloadOutcome> SucceedAsync(Attempt attempt, WebhookPayload payload, JsonObject invoice, JsonObject created, CancellationToken cancellationToken)
    {
        var invoiceId = (string?)created["Id"] ?? throw new InvalidOperationException("QBO created a document without an Id.");
        var log = await recorder.SucceededAsync(
            NewLog(attempt, payload, PayloadStatus.Succeeded, invoice, created.ToJsonString(), null, null) with { QboInvoiceId = invoiceId }, attempt.Claim.LeaseOwner,
            invoiceId, attempt.Ledger, cancellationToken);
        LogSucceeded(logger, invoiceId, attempt.Claim.Attempts);
        return new PayloadOutcome(payload.PayloadId, PayloadStatus.Succeeded, true, invoiceId, log.LogId, null);
    }

    private async Task<PayloadOutcome> RetryAsync(Attempt attempt, WebhookPayload payload, string code, string message, JsonObject? invoice, string? response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        if (!retries.HasAttemptsLeft(attempt.Claim.Attempts))
        {
            return await FinishAsync(attempt, payload, PayloadStatus.Dead, code, $"Gave up after {attempt.Claim.Attempts} attempts: {message}", invoice, response, cancellationToken);
        }

        var next = time.GetUtcNow().UtcDateTime + retries.DelayAfter(attempt.Claim.Attempts, retryAfter);
        return await FinishAsync(attempt, payload, PayloadStatus.Retrying, code, message, invoice, response, cancellationToken, next);
    }

    private async Task<PayloadOutcome> FinishAsync(Attempt attempt, WebhookPayload payload, string status, string code, string message,
        JsonObject? invoice, string? response, CancellationToken cancellationToken, DateTime? nextAttemptAt = null, IReadOnlyList<string>? waitingFor = null)
    {
        // A payload waiting for a connection is woken when its company connects; until then it is parked far ahead.
        var next = status == PayloadStatus.WaitingConnection ? time.GetUtcNow().UtcDateTime.AddDays(365) : nextAttemptAt;
        var log = await recorder.FinishedAsync(NewLog(attempt, payload, status, invoice, response, code, message), attempt.Claim.LeaseOwner, $"{code}: {message}", next,
            attempt.Ledger, cancellationToken, waitingFor);
        LogOutcome(logger, status, code, attempt.Claim.Attempts);
        if (status == PayloadStatus.WaitingConnection)
        {
            await AfterCommitAsync(() => WakeIfReconnectedAsync(payload.OrganizationId, cancellationToken));
        }

        return new PayloadOutcome(payload.PayloadId, status, false, null, log.LogId, code);
    }

    /// <summary>
    /// A reconnect wakes the payloads parked at that moment, after storing its tokens; this attempt read "not connected"
    /// before parking, so a reconnect in between would have found it still processing and left it parked for good. Parking
    /// is committed before the connection is read again here, so either that read sees the new connection and wakes the
    /// payload, or the reconnect stored its tokens later and its own wake-up finds the payload parked.
    /// </summary>
    private async Task WakeIfReconnectedAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (await tokens.IsConnectedAsync(organizationId, cancellationToken) && await webhooks.RequeueWaitingForConnectionAsync(organizationId, cancellationToken) > 0)
        {
            signal.Notify();
            LogWokenAfterReconnect(logger);
        }
    }

    /// <summary>Makes the payloads sent back with SALE_BUSY behind <paramref name="holder"/> due now, rather than at their retry time.</summary>
    private async Task WakeSaleWaitersAsync(string holder, IReadOnlyList<string> waited, CancellationToken cancellationToken)
    {
        if (await webhooks.MakeRetryDueAsync(waited, cancellationToken) > 0)
        {
            signal.Notify();
        }

        LogSaleWaitersWoken(logger, waited.Count, holder);
    }

    /// <summary>
    /// Runs a wake-up that follows an outcome's commit. The outcome stands whatever happens here: a wake-up that fails (the
    /// database out of reach for a moment) is logged, and what it would have woken is taken up within minutes by the
    /// waiting-payloads sweep, instead of the attempt counting as failed and a retry overwriting the outcome it committed.
    /// </summary>
    private async Task AfterCommitAsync(Func<Task> wake)
    {
        try
        {
            await wake();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWakeFailed(logger, e);
        }
    }

    private NewSyncLog NewLog(Attempt attempt, WebhookPayload payload, string status, JsonObject? invoice, string? response, string? code, string? message) => new()
    {
        OrganizationId = payload.OrganizationId,
        PayloadId = payload.PayloadId,
        SourceId = payload.SourceId,
        Status = status,
        Attempt = attempt.Claim.Attempts,
        QboRequestId = invoice is null ? null : RequestIdFor(payload.PayloadId),
        RequestPayload = invoice?.ToJsonString(),
        ResponsePayload = response,
        ErrorCode = code,
        ErrorMessage = message is { Length: > 2000 } ? message[..2000] : message,
        DurationMs = (int)Stopwatch.GetElapsedTime(attempt.StartedAt).TotalMilliseconds,
    };

    /// <summary>
    /// QBO's requestid (≤ 50 chars, REFERENCE §2.4) is the payload id itself: every attempt at a
    /// payload, from any instance, sends the same one, so a retry after an unknown outcome gets
    /// the first invoice back instead of creating a second.
    /// </summary>
    internal static string RequestIdFor(string payloadId) => payloadId;

    /// <summary>
    /// Whether an earlier attempt may have sent the payload's documents, so they are looked for before any is sent. A replay
    /// starts a fresh series of attempts (the queue's count), but the payload still counts the series before it, whose last
    /// create may have reached QBO unanswered.
    /// </summary>
    private static bool Resumed(Attempt attempt, WebhookPayload payload) => attempt.Claim.Attempts > 1 || payload.Attempts > 0;

    private static string Describe(QboApiException e) =>
        string.Join(" ", new[] { e.QboMessage, e.Detail }.Where(t => !string.IsNullOrEmpty(t)));

    private static string FaultJson(QboApiException e) =>
        new JsonObject { ["status"] = e.Status, ["code"] = e.Code, ["message"] = e.QboMessage, ["detail"] = e.Detail, ["element"] = e.Element, ["intuitTid"] = e.IntuitTid }.ToJsonString();

    /// <summary>One attempt: its claim, when it started, and the ledger links it books, written with whatever outcome it records.</summary>
    private sealed record Attempt(QueueClaim Claim, long StartedAt, AttemptLedger Ledger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a payload failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} lost its lease before it ended: another attempt holds the payload and writes its outcome")]
    private static partial void LogLeaseLost(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the payloads that wait after this outcome failed; the outcome stands, and they are taken up later")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payload became QBO document {InvoiceId} on attempt {Attempt}")]
    private static partial void LogSucceeded(ILogger logger, string invoiceId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The company reconnected while this payload was being parked; it is due again")]
    private static partial void LogWokenAfterReconnect(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Waited} payloads that waited for the sale turn of payload {Holder} are due now")]
    private static partial void LogSaleWaitersWoken(ILogger logger, int waited, string holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payload {Status} ({Code}) on attempt {Attempt}")]
    private static partial void LogOutcome(ILogger logger, string status, string code, int attempt);
}
