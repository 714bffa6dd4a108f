using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// The QBO Accounting API (REFERENCE §2–§7) as typed calls. Every failure surfaces as a
/// <see cref="QboApiException"/> classified by kind; retries, per-realm limits and timeouts come
/// from the HTTP pipeline (<see cref="QuickBooksExtensions"/>).
/// </summary>
internal sealed class QboClient(HttpClient http, QboOptions options, QboClock clock)
{
    public async Task<JsonObject> GetCompanyInfoAsync(QboCredentials credentials, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, credentials, $"companyinfo/{Uri.EscapeDataString(credentials.RealmId)}", null, null, cancellationToken);
        return Entity(body, "CompanyInfo");
    }

    /// <summary>
    /// Creates an entity. With a <paramref name="requestId"/> QBO answers a repeat with the first
    /// response instead of creating twice (REFERENCE §2.4), which makes the call safe to retry.
    /// </summary>
    public async Task<JsonObject> CreateAsync(QboCredentials credentials, string entity, JsonObject payload, string? requestId, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, credentials, entity.ToLowerInvariant(), requestId, payload, cancellationToken);
        return Entity(body, entity);
    }

    /// <summary>
    /// Creates an entity like <see cref="CreateAsync"/>, but sends it again only after a throttle refusal: a lost answer,
    /// a time-out or a 5xx comes back at once as a <see cref="QboApiException"/>, so the caller can look for the document
    /// before sending again (docs/books.md, "Exactly once").
    /// </summary>
    public async Task<JsonObject> CreateOnceAsync(QboCredentials credentials, string entity, JsonObject payload, string requestId, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, credentials, entity.ToLowerInvariant(), requestId, payload, cancellationToken, callerResolvesUncertainty: true);
        return Entity(body, entity);
    }

    /// <summary>
    /// Sends a batch (REFERENCE §7: <c>POST /batch</c>, at most 30 items, <c>requestid</c> at most 36 characters and each
    /// <c>bId</c> at most 10). The answer holds one <c>BatchItemResponse</c> per item, each the entity or its own Fault,
    /// with HTTP 200 even when items fail. Like <see cref="CreateOnceAsync"/>, an unknown outcome comes back at once, so
    /// the caller can find out what the batch wrote before it sends again.
    /// </summary>
    public Task<JsonObject> BatchAsync(QboCredentials credentials, JsonObject batch, string requestId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, credentials, "batch", requestId, batch, cancellationToken, callerResolvesUncertainty: true);

    /// <summary>A sparse update (REFERENCE §2.6): the fields sent change, a Line array sent replaces every line; the body carries Id and SyncToken.</summary>
    public async Task<JsonObject> UpdateAsync(QboCredentials credentials, string entity, JsonObject update, string? requestId, CancellationToken cancellationToken)
    {
        update["sparse"] = true;
        var body = await SendAsync(HttpMethod.Post, credentials, entity.ToLowerInvariant() + "?operation=update", requestId, update, cancellationToken);
        return Entity(body, entity);
    }

    /// <summary>
    /// Voids a transaction (REFERENCE §3: <c>POST /{entity}?operation=void</c> with its Id and current SyncToken); amounts
    /// become zero and the document stays, as QBO keeps voided documents for the audit trail. Intuit's API reference shows
    /// the Payment and SalesReceipt void as a sparse update with <c>include=void</c> and the Invoice void with
    /// <c>operation=void</c>; Intuit's own .NET SDK voids all three with <c>operation=void</c> (DataService.Void, which
    /// allows only SalesReceipt, Payment and Invoice), so that one form serves every type the books void.
    /// </summary>
    public async Task<JsonObject> VoidAsync(QboCredentials credentials, string entity, string id, string syncToken, string? requestId, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, credentials, entity.ToLowerInvariant() + "?operation=void", requestId,
            new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken, ["sparse"] = true }, cancellationToken);
        return Entity(body, entity);
    }

    /// <summary>
    /// Deletes a transaction (REFERENCE §2.6: <c>POST /{entity}?operation=delete</c> with its Id and current SyncToken):
    /// for the documents QBO cannot void. QBO answers <c>{"status":"Deleted"}</c> under the entity's name.
    /// </summary>
    public async Task DeleteAsync(QboCredentials credentials, string entity, string id, string syncToken, string? requestId, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, credentials, entity.ToLowerInvariant() + "?operation=delete", requestId,
            new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken }, cancellationToken);
        Entity(body, entity);
    }

    public Task<JsonObject> CreateInvoiceAsync(QboCredentials credentials, JsonObject invoice, string requestId, CancellationToken cancellationToken) =>
        CreateAsync(credentials, "Invoice", invoice, requestId, cancellationToken);

    /// <summary>One entity by id, or null when QBO says it does not exist.</summary>
    public async Task<JsonObject?> ReadAsync(QboCredentials credentials, string entity, string id, CancellationToken cancellationToken)
    {
        try
        {
            var body = await SendAsync(HttpMethod.Get, credentials, $"{entity.ToLowerInvariant()}/{Uri.EscapeDataString(id)}", null, null, cancellationToken);
            return Entity(body, entity);
        }
        catch (QboApiException e) when (e.Kind == QboErrorKind.NotFound || e.Code == "610")
        {
            return null;
        }
    }

    /// <summary>Runs a query built with <see cref="QboQuery"/>; an empty result is an empty page, not an error.</summary>
    public async Task<QboQueryResult> QueryAsync(QboCredentials credentials, string entity, string statement, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, credentials, "query?query=" + Uri.EscapeDataString(statement), null, null, cancellationToken);
        var response = body["QueryResponse"] as JsonObject ?? [];
        var items = (response[entity] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return new QboQueryResult(
            items,
            (int?)response["startPosition"] ?? 1,
            (int?)response["maxResults"] ?? items.Count,
            (int?)response["totalCount"]);
    }

    /// <summary>
    /// Change data capture (REFERENCE §2.6): the entities of the given types changed since <paramref name="changedSince"/>
    /// (at most 30 days back), each whole; a deleted one carries only its Id and <c>status: "Deleted"</c>.
    /// </summary>
    public async Task<IReadOnlyList<(string Entity, JsonObject Row)>> ChangesAsync(QboCredentials credentials, IReadOnlyList<string> entities, DateTimeOffset changedSince,
        CancellationToken cancellationToken)
    {
        var since = changedSince.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = await SendAsync(HttpMethod.Get, credentials, $"cdc?entities={string.Join(',', entities)}&changedSince={Uri.EscapeDataString(since)}", null, null,
            cancellationToken);
        var changes = new List<(string, JsonObject)>();
        foreach (var response in (body["CDCResponse"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var query in (response["QueryResponse"] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var entity in entities)
                {
                    changes.AddRange((query[entity] as JsonArray ?? []).OfType<JsonObject>().Select(row => (entity, row)));
                }
            }
        }

        return changes;
    }

    /// <summary>
    /// A report (Intuit's Reports API: <c>GET reports/{name}</c>, the report itself as the answer's body) with the given
    /// query parameters, each escaped.
    /// </summary>
    public Task<JsonObject> ReportAsync(QboCredentials credentials, string name, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return SendAsync(HttpMethod.Get, credentials, $"reports/{Uri.EscapeDataString(name)}" + (query.Length == 0 ? "" : "?" + query), null, null, cancellationToken);
    }

    /// <summary>How many entities of a type exist (<c>SELECT COUNT(*)</c> answers with totalCount).</summary>
    public async Task<int> CountAsync(QboCredentials credentials, string entity, CancellationToken cancellationToken)
    {
        var page = await QueryAsync(credentials, entity, QboQuery.Count(entity), cancellationToken);
        return page.TotalCount ?? 0;
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, QboCredentials credentials, string relative, string? requestId, JsonObject? payload, CancellationToken cancellationToken,
        bool callerResolvesUncertainty = false)
    {
        var uri = BuildUri(credentials.RealmId, relative, requestId);
        using var request = new HttpRequestMessage(method, uri);
        if (callerResolvesUncertainty)
        {
            request.Options.Set(QboRequestOptions.CallerResolvesUncertainty, true);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(RealmLimitHandler.TrafficKey, credentials.Traffic ?? (method == HttpMethod.Get ? QboTraffic.References : QboTraffic.Documents));
        if (payload is not null)
        {
            request.Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new QboApiException(new QboFault(QboErrorKind.Network, 0, "QBO could not be reached or did not answer in time.") { Detail = e.Message }, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await QboFaultReader.ReadAsync(response, cancellationToken);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = JsonNode.Parse(text) as JsonObject
                       ?? throw new QboApiException(new QboFault(QboErrorKind.Server, (int)response.StatusCode, "QBO answered with something other than a JSON object.")
                       {
                           IntuitTid = QboFaultReader.TidOf(response),
                       });
            clock.Observe(credentials.RealmId, body["time"]);
            return body;
        }
    }

    private Uri BuildUri(string realmId, string relative, string? requestId)
    {
        var separator = relative.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var path = $"v3/company/{Uri.EscapeDataString(realmId)}/{relative}{separator}minorversion={options.MinorVersion.ToString(CultureInfo.InvariantCulture)}";
        if (requestId is not null)
        {
            path += "&requestid=" + Uri.EscapeDataString(requestId);
        }

        return new Uri(options.ApiBaseUrl, path);
    }

    private static JsonObject Entity(JsonObject body, string entity) =>
        body[entity] as JsonObject ?? throw new QboApiException(new QboFault(QboErrorKind.Server, 200, $"QBO's answer has no {entity}."));
}
