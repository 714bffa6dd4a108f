using System.Text.Json.Nodes;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// <c>/api/admin/organizations/{id}/overrides</c>: an organization's own layers, for one of its sources or
/// (sourceId null) for all of them. One override at a time: list, read, create, update, delete.
/// <c>PUT …/overrides</c> (the SPEC's route) creates one, or updates the one its body names.
/// </summary>
internal static class AdminOverrideEndpoints
{
    public static void MapOverrideEndpoints(this AdminRouteGroup admin)
    {
        // Every route names an organization, and answers 404 ORG_NOT_FOUND for one that does not exist.
        var group = admin.MapGroup("/organizations/{id}/overrides", "Admin Mapping Overrides")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapGet("", ListAsync).WithName("ListMappingOverrides");
        group.MapGet("/{overrideId}", GetAsync).WithName("GetMappingOverride")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.OverrideNotFoundCode);
        group.MapPost("", CreateAsync).WithName("CreateMappingOverride").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.SourceNotFoundCode);
        group.MapPut("", PutAsync).WithName("PutMappingOverride").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.OverrideNotFoundCode, MappingErrors.SourceNotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, MappingErrors.VersionConflictCode);
        group.MapPut("/{overrideId}", UpdateAsync).WithName("UpdateMappingOverride").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.OverrideNotFoundCode, MappingErrors.SourceNotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, MappingErrors.VersionConflictCode);
        group.MapDelete("/{overrideId}", DeleteAsync).WithName("DeleteMappingOverride").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.OverrideNotFoundCode);
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<OverrideView>>>> ListAsync(
        string id, OrganizationStore organizations, MappingStore mappings, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var overrides = await mappings.ListOverridesAsync(id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<OverrideView>>(overrides.Select(OverrideView.From).ToList()));
    }

    internal static async Task<Ok<ApiResponse<OverrideView>>> GetAsync(
        string id, string overrideId, OrganizationStore organizations, MappingStore mappings, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(OverrideView.From(await FindAsync(mappings, id, overrideId, cancellationToken))));
    }

    internal static async Task<Created<ApiResponse<OverrideView>>> CreateAsync(
        string id, OverrideRequest request, HttpContext http, OrganizationStore organizations, IOrganizationSources sources, MappingStore mappings,
        MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var errors = new ValidationErrors();
        CheckName(request.Name, errors);
        var layer = LayerInput.Read(request.FieldMappings, request.StaticValues, string.Empty, errors);
        var eventActions = request.EventActions is null ? null : EventActionsInput.Read(request.EventActions, null, errors);
        var sourceId = ReadSourceId(request.SourceId, null, errors);
        errors.ThrowIfAny();
        var source = await CheckSourceAsync(sources, id, sourceId, cancellationToken);
        CheckForSource(eventActions, source);

        var created = await mappings.CreateOverrideAsync(id, sourceId, request.Name?.Trim() ?? DefaultName(sourceId),
            layer.FieldMappingsJson, layer.StaticValuesJson, request.Priority ?? 0, cancellationToken, EventActionsInput.Json(eventActions), request.IsActive ?? true,
            (transaction, created) => RecordAsync(transaction, audit, http, "mapping_override.created", created, null, cancellationToken));
        cache.InvalidateOrganization(id);
        return TypedResults.Created($"/api/admin/organizations/{id}/overrides/{created.OverrideId}", ApiResponse.Of(OverrideView.From(created)));
    }

    internal static async Task<Results<Ok<ApiResponse<OverrideView>>, Created<ApiResponse<OverrideView>>>> PutAsync(
        string id, OverrideRequest request, HttpContext http, OrganizationStore organizations, IOrganizationSources sources, MappingStore mappings,
        MappingCache cache, AuditTrail audit, CancellationToken cancellationToken) =>
        request.OverrideId is { } overrideId
            ? await UpdateAsync(id, overrideId, request, http, organizations, sources, mappings, cache, audit, cancellationToken)
            : await CreateAsync(id, request, http, organizations, sources, mappings, cache, audit, cancellationToken);

    internal static async Task<Ok<ApiResponse<OverrideView>>> UpdateAsync(
        string id, string overrideId, OverrideRequest request, HttpContext http, OrganizationStore organizations, IOrganizationSources sources,
        MappingStore mappings, MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var current = await FindAsync(mappings, id, overrideId, cancellationToken);
        if (request.Version is { } read && read != current.Version)
        {
            throw VersionConflict(current.Version, read);
        }

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            CheckName(request.Name, errors);
        }

        var layer = request.FieldMappings is null && request.StaticValues is null
            ? ParsedLayer.Empty
            : LayerInput.Read(request.FieldMappings ?? JsonNode.Parse(current.FieldMappings),
                request.StaticValues ?? JsonNode.Parse(current.StaticValues), string.Empty, errors);
        var eventActions = request.EventActions is null ? null : EventActionsInput.Read(request.EventActions, null, errors);
        var sourceId = ReadSourceId(request.SourceId, current.SourceId, errors);
        errors.ThrowIfAny();
        var source = await CheckSourceAsync(sources, id, sourceId, cancellationToken);
        // New event actions, or kept ones now bound to another source, must fit that source's events.
        CheckForSource(eventActions ?? (sourceId != current.SourceId ? MappingJson.DeserializeEventActions(current.EventActions) : null), source);

        var updated = current with
        {
            SourceId = sourceId,
            Name = request.Name?.Trim() ?? current.Name,
            FieldMappings = request.FieldMappings is null ? current.FieldMappings : layer.FieldMappingsJson,
            StaticValues = request.StaticValues is null ? current.StaticValues : layer.StaticValuesJson,
            EventActions = request.EventActions is null ? current.EventActions : EventActionsInput.Json(eventActions),
            Priority = request.Priority ?? current.Priority,
            IsActive = request.IsActive ?? current.IsActive,
        };
        // With a version, the write only lands on the row as it was read: a save in between loses nothing of its own.
        if (!await mappings.UpdateOverrideAsync(updated, cancellationToken, request.Version is null ? null : current.UpdatedAt,
                (transaction, saved) => RecordAsync(transaction, audit, http, "mapping_override.updated", saved, current, cancellationToken)))
        {
            throw await mappings.GetOverrideAsync(id, overrideId, cancellationToken) is { } now
                ? VersionConflict(now.Version, request.Version!)
                : OverrideNotFound();
        }

        cache.InvalidateOrganization(id);
        var saved = await FindAsync(mappings, id, overrideId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(OverrideView.From(saved)));
    }

    internal static async Task<NoContent> DeleteAsync(
        string id, string overrideId, HttpContext http, OrganizationStore organizations, MappingStore mappings, MappingCache cache, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var current = await FindAsync(mappings, id, overrideId, cancellationToken);
        if (!await mappings.DeleteOverrideAsync(id, overrideId, cancellationToken,
                transaction => RecordAsync(transaction, audit, http, "mapping_override.deleted", current, current, cancellationToken)))
        {
            throw OverrideNotFound();
        }

        cache.InvalidateOrganization(id);
        return TypedResults.NoContent();
    }

    private static void CheckName(string? name, ValidationErrors errors)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200))
        {
            errors.Add("name", "must not be blank, at most 200 characters");
        }
    }

    private static string? ReadSourceId(JsonElement value, string? current, ValidationErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
                return current;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when value.GetString() is { Length: > 0 and <= 36 } sourceId:
                return sourceId;
            default:
                errors.Add("sourceId", "must be one of the organization's source ids, or null for all its sources");
                return current;
        }
    }

    /// <summary>An override may only name a source of its own organization; another tenant's id is simply not found.</summary>
    private static async Task<OrganizationSource?> CheckSourceAsync(IOrganizationSources sources, string organizationId, string? sourceId,
        CancellationToken cancellationToken) =>
        sourceId is null ? null : await sources.FindAsync(organizationId, sourceId, cancellationToken) ?? throw MappingErrors.SourceNotFound();

    /// <summary>
    /// An override for one source knows its type: event types its adapter knows must get actions that fit them, and a
    /// generic source's every action must be one it can run.
    /// </summary>
    private static void CheckForSource(IReadOnlyDictionary<string, string>? eventActions, OrganizationSource? source)
    {
        if (eventActions is null || source is null)
        {
            return;
        }

        var errors = new ValidationErrors();
        EventActionsInput.CheckKnownEvents(eventActions, source.SourceType, errors, oneSource: true);
        errors.ThrowIfAny();
    }

    private static string DefaultName(string? sourceId) => sourceId is null ? "All sources" : $"Source {sourceId}";

    private static async Task<ClientOverride> FindAsync(MappingStore mappings, string organizationId, string overrideId, CancellationToken cancellationToken) =>
        await mappings.GetOverrideAsync(organizationId, overrideId, cancellationToken) ?? throw OverrideNotFound();

    private static ApiException OverrideNotFound() => MappingErrors.OverrideNotFound();

    private static ApiException VersionConflict(string current, string read) => ApiException.Conflict(MappingErrors.VersionConflictCode,
        $"The override is at version {current}, not {read}: someone saved it meanwhile; read it again and reapply your change.");

    /// <summary>Audits a write in its transaction; <c>before</c> (null for a new override) names the event actions and rules it changed.</summary>
    private static Task RecordAsync(DatabaseTransaction transaction, AuditTrail audit, HttpContext http, string action, ClientOverride o, ClientOverride? before,
        CancellationToken cancellationToken)
    {
        var details = new JsonObject { ["sourceId"] = o.SourceId, ["priority"] = o.Priority, ["isActive"] = o.IsActive };
        EventActionsInput.AuditChanges(details, before?.EventActions, o.EventActions);
        LayerChanges.Audit(details, before?.FieldMappings, o.FieldMappings, before?.StaticValues, o.StaticValues);
        return audit.RecordAsync(transaction, AuditActor.Operator(http), new AuditAction(MappingEndpoints.AuditCategory, action)
        {
            OrganizationId = o.OrganizationId,
            TargetType = "mapping_override",
            TargetId = o.OverrideId,
            Details = details,
        }, cancellationToken);
    }
}
