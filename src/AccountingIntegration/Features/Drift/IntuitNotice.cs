using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// One change QBO reports for an entity of a company: from a webhook (entity, id, operation) or a CDC sweep (the
/// entity as it now is, in <see cref="Row"/>).
/// </summary>
internal sealed record IntuitNotice(string RealmId, string Entity, string EntityId, string Operation)
{
    /// <summary>The entity as CDC returned it; null from a webhook (the detector reads it when it needs to).</summary>
    public JsonObject? Row { get; init; }
}

/// <summary>QBO's operation names (Intuit, "Webhooks": Create, Update, Delete, Merge, Void, Emailed).</summary>
internal static class IntuitOperations
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string Void = "Void";
    public const string Merge = "Merge";
    public const string Emailed = "Emailed";
}
