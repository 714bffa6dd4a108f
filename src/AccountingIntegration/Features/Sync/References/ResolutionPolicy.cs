using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// Whether the sync may create a customer or item QBO does not have yet. Read from the organization's
/// settings (<c>autoCreateCustomers</c>, <c>autoCreateItems</c>); an absent or non-boolean value means true,
/// the documented default, so a typo in settings never silently stops invoices.
/// </summary>
internal sealed record ResolutionPolicy(bool CreateCustomers, bool CreateItems)
{
    public static ResolutionPolicy From(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ResolutionPolicy(Flag(settings, "autoCreateCustomers"), Flag(settings, "autoCreateItems"));
    }

    public bool AllowsCreating(string entityType) =>
        entityType == ReferenceNames.Customer ? CreateCustomers : CreateItems;

    private static bool Flag(JsonObject settings, string name) =>
        settings[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.False;
}
