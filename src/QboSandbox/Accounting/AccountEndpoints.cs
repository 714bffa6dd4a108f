using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>POST /v3/company/{realmId}/account and GET /v3/company/{realmId}/account/{id}.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder company)
    {
        company.MapPost("/account", CreateAccountAsync).WithName("QboAccountCreate");
        company.MapGet("/account/{id}", ReadAccount).WithName("QboAccountRead");
    }

    private static Task<IResult> CreateAccountAsync(string realmId, HttpContext http, SandboxState state) =>
        EntityEndpoints.CreateAsync(http, state, realmId, EntityNames.Account);

    private static IResult ReadAccount(string realmId, string id, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Account, id);
}
