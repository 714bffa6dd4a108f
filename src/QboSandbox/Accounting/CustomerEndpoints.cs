using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>POST /v3/company/{realmId}/customer and GET /v3/company/{realmId}/customer/{id}.</summary>
internal static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this RouteGroupBuilder company)
    {
        company.MapPost("/customer", CreateCustomerAsync).WithName("QboCustomerCreate");
        company.MapGet("/customer/{id}", ReadCustomer).WithName("QboCustomerRead");
    }

    private static Task<IResult> CreateCustomerAsync(string realmId, HttpContext http, SandboxState state) =>
        EntityEndpoints.CreateAsync(http, state, realmId, EntityNames.Customer);

    private static IResult ReadCustomer(string realmId, string id, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Customer, id);
}
