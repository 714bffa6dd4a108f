using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>Builds a stored row from a body: a new one (existing null) or the next version of one.</summary>
internal delegate JsonObject RowBuilder(Company company, JsonObject body, JsonObject request, CreateContext context, JsonObject? existing);

/// <summary>
/// What the API allows per entity (Intuit's entity references): name lists (Customer, Vendor, Employee,
/// Item, Account, Class, Department) are created and updated, never deleted (made inactive instead);
/// transactions are also deleted; Invoice, SalesReceipt and Payment can be voided.
/// </summary>
internal sealed record EntityKind(string Entity, RowBuilder Build, bool Deletable, bool Voidable)
{
    private static readonly Dictionary<string, EntityKind> ByName = new EntityKind[]
    {
        new(EntityNames.Customer, (c, b, _, x, e) => PartyRules.Build(c, EntityNames.Customer, b, x, e), false, false),
        new(EntityNames.Vendor, (c, b, _, x, e) => PartyRules.Build(c, EntityNames.Vendor, b, x, e), false, false),
        new(EntityNames.Employee, (c, b, _, x, e) => PartyRules.Build(c, EntityNames.Employee, b, x, e), false, false),
        new(EntityNames.Item, (c, b, _, x, e) => ItemRules.Build(c, b, x, e), false, false),
        new(EntityNames.Account, (c, b, _, x, e) => AccountRules.Build(c, b, x, e), false, false),
        new(EntityNames.Class, (c, b, _, x, e) => NameListRules.Build(c, EntityNames.Class, b, x, e), false, false),
        new(EntityNames.Department, (c, b, _, x, e) => NameListRules.Build(c, EntityNames.Department, b, x, e), false, false),
        new(EntityNames.Invoice, Sales(SalesFormKind.Invoice), true, true),
        new(EntityNames.SalesReceipt, Sales(SalesFormKind.SalesReceipt), true, true),
        new(EntityNames.CreditMemo, Sales(SalesFormKind.CreditMemo), true, false),
        new(EntityNames.RefundReceipt, Sales(SalesFormKind.RefundReceipt), true, false),
        new(EntityNames.Payment, PaymentRules.Build, true, true),
        new(EntityNames.Deposit, DepositRules.Build, true, false),
    }.ToDictionary(k => k.Entity, StringComparer.OrdinalIgnoreCase);

    public static EntityKind? Of(string entity) => ByName.GetValueOrDefault(entity);

    public bool IsTransaction => Deletable;

    private static RowBuilder Sales(SalesFormKind kind) =>
        (company, body, request, context, existing) => SalesFormRules.Build(company, kind, body, request, context, existing);
}
