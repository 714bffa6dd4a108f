using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Changes;

/// <summary>
/// GET /v3/company/{realmId}/cdc?entities=…&amp;changedSince=… (REFERENCE §2.6; Intuit, "Change data capture
/// operation"): {"CDCResponse":[{"QueryResponse":[{"Customer":[…],…},…]}],"time":…}, the shape python-quickbooks'
/// cdc.py and the .NET SDK's DataService.CDC read.
/// </summary>
internal static class CdcEndpoints
{
    public static void MapCdcEndpoints(this RouteGroupBuilder company) =>
        company.MapGet("/cdc", Changes).WithName("QboChangeDataCapture");

    private static RawJsonResult Changes(string realmId, HttpContext http, SandboxState state)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var now = state.Time.GetUtcNow();
        var entities = CdcRequest.Entities(http.Request.Query["entities"].ToString());
        var since = CdcRequest.ChangedSince(http.Request.Query["changedSince"].ToString(), now, state.Options.CdcLookback);
        JsonArray responses;
        lock (company.Gate)
        {
            responses = ChangeFeed.Collect(company, entities, since, state.Options.CdcMaxObjects);
        }

        return RawJsonResult.Qbo(StatusCodes.Status200OK, new JsonObject
        {
            ["CDCResponse"] = new JsonArray(new JsonObject { ["QueryResponse"] = responses }),
            ["time"] = PacificTime.FormatTime(now),
        });
    }
}
