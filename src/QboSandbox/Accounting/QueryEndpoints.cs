using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.Query;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>GET …/query?query=… and POST …/query with an application/text body (REFERENCE §2.5).</summary>
internal static class QueryEndpoints
{
    public static void MapQueryEndpoints(this RouteGroupBuilder company)
    {
        company.MapGet("/query", QueryByGet).WithName("QboQueryGet");
        company.MapPost("/query", QueryByPostAsync).WithName("QboQueryPost");
    }

    /// <summary>Runs a statement against a company; also used by batch Query items.</summary>
    public static JsonObject Run(Company company, string? statement)
    {
        var query = QueryParser.Parse(statement);
        QueryableFields.Check(query);
        lock (company.Gate)
        {
            // Accounts are filtered and sorted with their ledger balances (CurrentBalance is queryable).
            return QueryEvaluator.Execute(query, EntityService.Rows(company, query.Entity));
        }
    }

    private static IResult QueryByGet(string realmId, HttpContext http, SandboxState state) =>
        Respond(state, realmId, http.Request.Query["query"].ToString());

    private static async Task<IResult> QueryByPostAsync(string realmId, HttpContext http, SandboxState state) =>
        Respond(state, realmId, await RequestBody.ReadTextAsync(http.Request).ConfigureAwait(false));

    private static RawJsonResult Respond(SandboxState state, string realmId, string statement)
    {
        var response = Run(EntityEndpoints.RequireCompany(state, realmId), statement);
        return RawJsonResult.Qbo(StatusCodes.Status200OK, new JsonObject
        {
            ["QueryResponse"] = response,
            ["time"] = PacificTime.FormatTime(state.Time.GetUtcNow()),
        });
    }
}
