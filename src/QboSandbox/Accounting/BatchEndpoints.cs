using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// POST …/batch (REFERENCE §7): create and Query items, each answered by bId with the entity, a
/// QueryResponse or its own Fault; the HTTP status stays 200 when items fail. Items run one after
/// another in request order (REFERENCE §11 lists "no order" and "serial"; serial is deterministic),
/// but stay independent: an item cannot reference what an earlier item of the same batch created.
/// </summary>
internal static class BatchEndpoints
{
    private const int MaxBatchIdLength = 10;

    public static void MapBatchEndpoints(this RouteGroupBuilder company) =>
        company.MapPost("/batch", BatchAsync).WithName("QboBatch");

    private static async Task<IResult> BatchAsync(string realmId, HttpContext http, SandboxState state)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var body = await RequestBody.ReadObjectAsync(http.Request).ConfigureAwait(false);
        if (body["BatchItemRequest"] is not JsonArray items || items.Count == 0)
        {
            throw Malformed("Batch Request is Empty");
        }

        if (items.Count > state.Options.MaxBatchItems)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture,
                $"Batch Request has {items.Count} items; at most {state.Options.MaxBatchItems} are allowed"));
        }

        var requests = items.Select(i => i as JsonObject ?? throw Malformed("Each BatchItemRequest must be an object")).ToList();
        var bIds = requests.Select(r => JsonRead.Str(r, "bId") ?? throw Malformed("bId is required on every BatchItemRequest")).ToList();
        if (bIds.Distinct(StringComparer.Ordinal).Count() != bIds.Count)
        {
            throw Malformed("bId must be unique within a batch");
        }

        // With requestid, each bId is limited to 10 characters (REFERENCE §2.4).
        if (http.Request.Query.ContainsKey("requestid") && bIds.Any(b => b.Length > MaxBatchIdLength))
        {
            throw QboException.LengthOutOfRange("bId", MaxBatchIdLength, bIds.Max(b => b.Length));
        }

        var context = EntityEndpoints.Context(http, state) with { CreatedInThisBatch = [] };
        var responses = new JsonArray();
        for (var i = 0; i < requests.Count; i++)
        {
            responses.Add(RunItem(company, requests[i], bIds[i], context));
        }

        return RawJsonResult.Qbo(StatusCodes.Status200OK, new JsonObject
        {
            ["BatchItemResponse"] = responses,
            ["time"] = PacificTime.FormatTime(state.Time.GetUtcNow()),
        });
    }

    private static JsonObject RunItem(Company company, JsonObject request, string bId, CreateContext context)
    {
        try
        {
            if (request.ContainsKey("Query"))
            {
                return new JsonObject { ["bId"] = bId, ["QueryResponse"] = QueryEndpoints.Run(company, JsonRead.Str(request, "Query")) };
            }

            var operation = JsonRead.Str(request, "operation") ?? throw QboException.RequiredMissing("operation");
            var (entity, payload) = Payload(request);
            var options = JsonRead.Str(request, "optionsData") ?? "";
            if (!operation.Equals("create", StringComparison.OrdinalIgnoreCase))
            {
                // In batch, void is operation "update" with optionsData "void" (REFERENCE §7).
                var change = operation.Equals("update", StringComparison.OrdinalIgnoreCase)
                    && options.Contains("void", StringComparison.OrdinalIgnoreCase) ? "void" : operation;
                return new JsonObject { ["bId"] = bId, [entity] = EntityService.Change(company, entity, change, payload, context) };
            }

            var itemContext = options.Contains("allowduplicatedocnum", StringComparison.OrdinalIgnoreCase)
                ? context with { AllowDuplicateDocNumber = true }
                : context;
            var created = EntityService.Create(company, entity, payload, itemContext);
            context.CreatedInThisBatch!.Add(entity + "/" + created["Id"]!.GetValue<string>());
            return new JsonObject { ["bId"] = bId, [entity] = created };
        }
        catch (QboException ex)
        {
            return new JsonObject { ["bId"] = bId, ["Fault"] = ex.ToFault() };
        }
    }

    private static (string Entity, JsonObject Payload) Payload(JsonObject request)
    {
        foreach (var (name, value) in request)
        {
            if (EntityNames.Canonical(name) is { } entity && entity == name && value is JsonObject payload)
            {
                return EntityService.CanCreate(entity)
                    ? (entity, payload)
                    : throw QboException.UnsupportedOperation($"Operation create is not supported for {entity}");
            }
        }

        throw QboException.RequiredMissing("BatchItemRequest entity");
    }

    private static QboException Malformed(string detail) => new("400", "MalformedRequest", detail);
}
