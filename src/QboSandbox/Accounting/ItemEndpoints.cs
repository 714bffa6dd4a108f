using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>POST /v3/company/{realmId}/item and GET /v3/company/{realmId}/item/{id}.</summary>
internal static class ItemEndpoints
{
    public static void MapItemEndpoints(this RouteGroupBuilder company)
    {
        company.MapPost("/item", CreateItemAsync).WithName("QboItemCreate");
        company.MapGet("/item/{id}", ReadItem).WithName("QboItemRead");
    }

    private static Task<IResult> CreateItemAsync(string realmId, HttpContext http, SandboxState state) =>
        EntityEndpoints.CreateAsync(http, state, realmId, EntityNames.Item);

    private static IResult ReadItem(string realmId, string id, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Item, id);
}
