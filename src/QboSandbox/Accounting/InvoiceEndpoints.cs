using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>POST /v3/company/{realmId}/invoice and GET /v3/company/{realmId}/invoice/{id}.</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this RouteGroupBuilder company)
    {
        company.MapPost("/invoice", CreateInvoiceAsync).WithName("QboInvoiceCreate");
        company.MapGet("/invoice/{id}", ReadInvoice).WithName("QboInvoiceRead");
    }

    private static Task<IResult> CreateInvoiceAsync(string realmId, HttpContext http, SandboxState state) =>
        EntityEndpoints.CreateAsync(http, state, realmId, EntityNames.Invoice);

    private static IResult ReadInvoice(string realmId, string id, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Invoice, id);
}
