using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// POST /v3/company/{realmId}/{entity} (create, or update/void/delete) and GET …/{entity}/{id} for every
/// writable entity; TaxCode, TaxRate and TaxAgency are read-only here (QBO creates them through its
/// TaxService and AST).
/// </summary>
internal static class EntityRoutes
{
    private static readonly string[] Writable =
    [
        EntityNames.Customer, EntityNames.Vendor, EntityNames.Employee, EntityNames.Item, EntityNames.Account,
        EntityNames.Class, EntityNames.Department, EntityNames.Invoice, EntityNames.SalesReceipt,
        EntityNames.CreditMemo, EntityNames.RefundReceipt, EntityNames.Payment, EntityNames.Deposit,
    ];

    private static readonly string[] ReadOnly = [EntityNames.TaxCode, EntityNames.TaxRate, EntityNames.TaxAgency];

    public static void MapEntityRoutes(this RouteGroupBuilder company)
    {
        foreach (var entity in Writable)
        {
            var path = "/" + entity.ToLowerInvariant();
            company.MapPost(path, (string realmId, HttpContext http, SandboxState state) => EntityEndpoints.CreateAsync(http, state, realmId, entity))
                .WithName($"Qbo{entity}Write");
        }

        foreach (var entity in Writable.Concat(ReadOnly))
        {
            var path = "/" + entity.ToLowerInvariant() + "/{id}";
            company.MapGet(path, (string realmId, string id, SandboxState state) => EntityEndpoints.Read(state, realmId, entity, id))
                .WithName($"Qbo{entity}Read");
        }
    }
}
