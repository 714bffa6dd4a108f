using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Create, change (update/void/delete) and read handlers shared by the entity routes; each answers {"Entity":{…},"time":"…"}.</summary>
internal static class EntityEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext http, SandboxState state, string realmId, string entity)
    {
        var company = RequireCompany(state, realmId);
        var body = await RequestBody.ReadObjectAsync(http.Request).ConfigureAwait(false);

        // POST …/invoice?operation=update|void|delete; NQB's older void sends an update with include=void.
        var operation = http.Request.Query["operation"].ToString();

        // An update is a POST carrying Id and SyncToken, with or without ?operation=update: python-quickbooks
        // sends none (its save() posts the object to the entity path), and QBO updates rather than creates.
        if (operation.Length == 0 && body.ContainsKey("Id") && body.ContainsKey("SyncToken"))
        {
            operation = "update";
        }

        if (operation.Equals("update", StringComparison.OrdinalIgnoreCase)
            && http.Request.Query["include"].ToString().Split(',').Contains("void", StringComparer.OrdinalIgnoreCase))
        {
            operation = "void";
        }

        if (operation.Length > 0 && !operation.Equals("create", StringComparison.OrdinalIgnoreCase))
        {
            return Wrap(state, entity, EntityService.Change(company, entity, operation, body, Context(http, state)));
        }

        var row = EntityService.Create(company, entity, body, Context(http, state));
        Log.Created(state.ApiLogger, entity, row["Id"]!.GetValue<string>(), realmId);
        return Wrap(state, entity, row);
    }

    public static IResult Read(SandboxState state, string realmId, string entity, string id) =>
        Wrap(state, entity, EntityService.Read(RequireCompany(state, realmId), entity, id));

    public static RawJsonResult Wrap(SandboxState state, string entity, JsonObject row) => RawJsonResult.Qbo(
        StatusCodes.Status200OK,
        new JsonObject { [entity] = row, ["time"] = PacificTime.FormatTime(state.Time.GetUtcNow()) });

    public static CreateContext Context(HttpContext http, SandboxState state)
    {
        // include=allowduplicatedocnum lets a DocNumber repeat (REFERENCE §3.3).
        var include = http.Request.Query["include"].ToString();
        var allowDuplicate = include.Split(',').Contains("allowduplicatedocnum", StringComparer.OrdinalIgnoreCase);
        return state.CreateContext(MinorVersion.Effective(http.Request), allowDuplicate);
    }

    public static Company RequireCompany(SandboxState state, string realmId) =>
        state.Companies.Find(realmId) ?? throw QboException.ObjectNotFound("realmId");
}
