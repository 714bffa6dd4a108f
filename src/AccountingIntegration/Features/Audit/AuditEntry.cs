using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// One audited action. Details must already be redacted by the caller. An empty
/// <see cref="LogId"/> or a default <see cref="Timestamp"/> is filled in by the store.
/// </summary>
internal sealed record AuditEntry
{
    public string LogId { get; init; } = string.Empty;

    public DateTime Timestamp { get; init; }

    public string? OrganizationId { get; init; }

    /// <summary>admin, api_key, system, …: who acted.</summary>
    public required string ActorType { get; init; }

    public string? ActorId { get; init; }

    public required string Category { get; init; }

    public required string Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public JsonObject Details { get; init; } = [];

    public string? Ip { get; init; }
}
