using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.OperatorConsole.Failures;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Status;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Payloads;

/// <summary>
/// One payload: its timeline (received, each attempt with QBO's answer, the documents booked and linked), why it failed
/// in words with the fix and where to make it, its body, and replay (the API's replayer). Until the payload settles, the
/// part that changes refreshes itself from <see cref="OnGetLiveAsync"/>, so a replay is followed without reloading.
/// </summary>
public sealed class DetailModel : ConsolePageModel
{
    /// <summary>How often a payload that is not settled is read again, in milliseconds: soon enough to follow a replay, seldom enough to cost little.</summary>
    public const int RefreshMs = 2000;

    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string PayloadId { get; set; } = string.Empty;

    internal WebhookPayload? Payload { get; private set; }

    internal IReadOnlyList<SyncLog> Attempts { get; private set; } = [];

    internal IReadOnlyList<LedgerLink> Documents { get; private set; } = [];

    public string OrganizationName { get; private set; } = string.Empty;

    public string? SourceName { get; private set; }

    /// <summary>Why the payload is where it is, when that needs explaining (not for a booked or queued one).</summary>
    internal FailureExplanation? Explanation { get; private set; }

    /// <summary>The recorded code the explanation is for, as stored.</summary>
    public string? Code { get; private set; }

    /// <summary>The last recorded message, as stored (QBO's message for a QBO fault).</summary>
    public string? Message { get; private set; }

    /// <summary>QBO's answer to the last failed attempt, when it reached QBO.</summary>
    internal QboAnswer? LastAnswer { get; private set; }

    public bool CanReplay => Payload is not null && PayloadReplayer.CanReplay(Payload.Status);

    /// <summary>
    /// False while a worker has the payload in hand or will soon (queued, processing, retrying): its status, explanation
    /// and timeline change by themselves. Waiting payloads count as settled: they wait for a person (a reconnect) or
    /// for their sale to arrive, which can take hours, and the page need not ask every few seconds for that.
    /// </summary>
    public bool Settled => Payload is null || !IsMoving(Payload.Status);

    /// <summary>The address of the live part's fresh HTML.</summary>
    public string LiveUrl => $"/console/payloads/{Uri.EscapeDataString(OrganizationId)}/{Uri.EscapeDataString(PayloadId)}?handler=live";

    public async Task<IActionResult> OnGetAsync(bool replayed, CancellationToken cancellationToken)
    {
        if (replayed)
        {
            Notice = "Replayed: the payload is queued and will be processed again. The status and timeline below follow it until it is done.";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The live part's fresh HTML (status, explanation, documents, timeline), for the page's refreshing region.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_PayloadLive", this);
    }

    public Task<IActionResult> OnPostReplayAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await Get<PayloadReplayer>().ReplayAsync(OrganizationId, PayloadId, AuditActor.Operator(HttpContext), cancellationToken);
        return Redirect($"/console/payloads/{Uri.EscapeDataString(OrganizationId)}/{Uri.EscapeDataString(PayloadId)}?replayed=true");
    });

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Payload = await Get<WebhookStore>().GetPayloadAsync(OrganizationId, PayloadId, cancellationToken);
        if (Payload is null)
        {
            return;
        }

        OrganizationName = (await Get<OrganizationStore>().GetByIdAsync(OrganizationId, cancellationToken))?.Name ?? OrganizationId;
        SourceName = (await Get<WebhookStore>().GetSourceAsync(OrganizationId, Payload.SourceId, cancellationToken))?.Name;
        Attempts = await Get<SyncLogStore>().ListByPayloadAsync(OrganizationId, PayloadId, cancellationToken);
        Documents = await Get<LedgerStore>().ListByPayloadAsync(OrganizationId, PayloadId, cancellationToken);
        if (Payload.Status is PayloadStatus.Succeeded or PayloadStatus.Queued or PayloadStatus.Processing)
        {
            return;
        }

        var last = Attempts.LastOrDefault(a => a.ErrorCode is not null);
        Code = FailureExplanations.CodeOf(Payload.LastError) ?? last?.ErrorCode;
        Message = last?.ErrorCode == Code && last?.ErrorMessage is { } logged ? logged : MessageOf(Payload.LastError);
        Explanation = Code is null && Payload.LastError is null ? null : FailureExplanations.Explain(Code);
        LastAnswer = last is null ? null : QboAnswer.From(last);
    }

    /// <summary>The words after a last error's code.</summary>
    private static string? MessageOf(string? lastError)
    {
        if (lastError is null)
        {
            return null;
        }

        var code = FailureExplanations.CodeOf(lastError);
        return code is null ? lastError : lastError[code.Length..].TrimStart(':', ' ');
    }

    /// <summary>The body, indented when it is JSON (it always is: ingest refuses anything else).</summary>
    public string PrettyBody() => ConsoleJson.Pretty(Payload!.RawPayload);

    /// <summary>The documents an attempt says it booked (a books attempt's answer lists them), for the timeline.</summary>
    internal static IReadOnlyList<(string Role, string Type, string Id, string? Total, bool AlreadyBooked)> BookedIn(SyncLog log)
    {
        if (log.ResponsePayload is null || log.Status != PayloadStatus.Succeeded)
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(log.ResponsePayload) is JsonObject { } answer && answer["documents"] is JsonArray documents)
            {
                return documents.OfType<JsonObject>().Select(d => (
                    (string?)d["role"] ?? string.Empty, (string?)d["entityType"] ?? "Document", d["id"]?.ToString() ?? "?",
                    d["totalAmt"]?.ToString(), (bool?)d["alreadyBooked"] ?? false)).ToList();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not a books answer: the attempt's invoice id says what was booked.
        }

        return [];
    }

    internal static string StatusWords(string status) => PayloadStatusWords.Of(status);

    private static bool IsMoving(string status) => status is PayloadStatus.Queued or PayloadStatus.Processing or PayloadStatus.Retrying;
}

/// <summary>What QBO answered an attempt: its HTTP status, fault code, words and Intuit's request id.</summary>
internal sealed record QboAnswer(string? Status, string? FaultCode, string? Message, string? Detail, string? Element, string? IntuitTid, string? RequestId)
{
    public static QboAnswer? From(SyncLog log)
    {
        if (log.ResponsePayload is null || !log.ResponsePayload.TrimStart().StartsWith('{'))
        {
            return log.QboRequestId is null ? null : new QboAnswer(null, null, null, null, null, null, log.QboRequestId);
        }

        try
        {
            if (JsonNode.Parse(log.ResponsePayload) is JsonObject answer && (answer.ContainsKey("code") || answer.ContainsKey("status")) && !answer.ContainsKey("documents"))
            {
                return new QboAnswer(answer["status"]?.ToString(), answer["code"]?.ToString(), answer["message"]?.ToString(), answer["detail"]?.ToString(),
                    answer["element"]?.ToString(), answer["intuitTid"]?.ToString(), log.QboRequestId);
            }
        }
        catch (JsonException)
        {
            // Not QBO's fault: nothing more to show than the attempt's words.
        }

        return log.QboRequestId is null ? null : new QboAnswer(null, null, null, null, null, null, log.QboRequestId);
    }
}
