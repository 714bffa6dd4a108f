namespace AccountingIntegration.Features.Audit;

/// <summary>Who did an audited thing, and from where.</summary>
internal sealed record AuditActor(string Type, string? Id, string? Ip)
{
    /// <summary>An operator signed in with a bearer token.</summary>
    public static AuditActor Operator(HttpContext http) =>
        new("admin", http.User.FindFirst("sub")?.Value, http.Connection.RemoteIpAddress?.ToString());

    /// <summary>Someone at a shell running one of the service's commands.</summary>
    public static AuditActor CommandLine() => new("cli", Environment.UserName, null);

    /// <summary>The service itself (a worker, the token manager).</summary>
    public static AuditActor System(string component) => new("system", component, null);
}

/// <summary>What was done: category and action, and optionally to what, for which organization, with which details.</summary>
internal sealed record AuditAction(string Category, string Action)
{
    public string? OrganizationId { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public System.Text.Json.Nodes.JsonObject? Details { get; init; }
}
