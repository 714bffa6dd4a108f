using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Create and read handlers shared by the entity endpoint groups; each answers {"Entity":{…},"time":"…"}.</summary>
internal static class EntityEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext http, SandboxState state, string realmId, string entity)
    {
        var operation = http.Request.Query["operation"].ToString();
        if (operation.Length > 0 && !operation.Equals("create", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.UnsupportedOperation($"Operation {operation} is not supported for {entity} by the local sandbox");
        }

        var company = RequireCompany(state, realmId);
        var body = await RequestBody.ReadObjectAsync(http.Request).ConfigureAwait(false);
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
