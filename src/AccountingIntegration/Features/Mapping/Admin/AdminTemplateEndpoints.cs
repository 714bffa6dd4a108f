using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// <c>/api/admin/templates</c>: global mapping layers per source type. Versioned: an update names the
/// version it read and loses with 409 <c>VERSION_CONFLICT</c> to any change made since. Never deleted,
/// only deactivated. A change reaches every organization, so it drops every cached merge.
/// </summary>
internal static class AdminTemplateEndpoints
{
    public static void MapTemplateEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/templates", "Admin Mapping Templates");
        group.MapGet("", ListAsync).WithName("ListMappingTemplates")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        group.MapPost("", CreateAsync).WithName("CreateMappingTemplate").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        group.MapGet("/{id}", GetAsync).WithName("GetMappingTemplate")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.TemplateNotFoundCode);
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateMappingTemplate").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.TemplateNotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, MappingErrors.VersionConflictCode);
        group.MapDelete("/{id}", DeactivateAsync).WithName("DeactivateMappingTemplate").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.TemplateNotFoundCode);
    }

    internal static async Task<Ok<PagedResponse<TemplateView>>> ListAsync(
        MappingStore mappings, string? sourceType, bool? activeOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await mappings.ListTemplatesAsync(sourceType, activeOnly ?? false, ListQuery.Page(page, pageSize), cancellationToken);
        return TypedResults.Ok(new PagedResponse<TemplateView>(
            result.Items.Select(TemplateView.From).ToList(), new Pagination(result.Request.Page, result.Request.PageSize, result.Total)));
    }

    internal static async Task<Created<ApiResponse<TemplateView>>> CreateAsync(
        CreateTemplateRequest request, HttpContext http, MappingStore mappings, MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        TemplateRules.Check(request.Name, request.SourceType, request.Description, creating: true, errors);
        var layer = LayerInput.Read(request.FieldMappings, request.StaticValues, string.Empty, errors);
        var eventActions = request.EventActions is null ? null : EventActionsInput.Read(request.EventActions, request.SourceType, errors);
        errors.ThrowIfAny();

        var created = await mappings.CreateTemplateAsync(request.Name!.Trim(), request.SourceType!, request.Description,
            layer.FieldMappingsJson, layer.StaticValuesJson, request.Priority ?? 0, cancellationToken, EventActionsInput.Json(eventActions),
            (transaction, created) => RecordAsync(transaction, audit, http, "mapping_template.created", created, null, cancellationToken));
        cache.InvalidateAll();
        return TypedResults.Created($"/api/admin/templates/{created.TemplateId}", ApiResponse.Of(TemplateView.From(created)));
    }

    internal static async Task<Ok<ApiResponse<TemplateView>>> GetAsync(string id, MappingStore mappings, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiResponse.Of(TemplateView.From(await FindAsync(mappings, id, cancellationToken))));

    internal static async Task<Ok<ApiResponse<TemplateView>>> UpdateAsync(
        string id, UpdateTemplateRequest request, HttpContext http, MappingStore mappings, MappingCache cache, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(mappings, id, cancellationToken);
        var errors = new ValidationErrors();
        if (request.Version is null)
        {
            errors.Add("version", "is required: the version you read, so a change made since is not overwritten");
        }

        TemplateRules.Check(request.Name, request.SourceType, request.Description, creating: false, errors);
        // A changed layer is checked whole: new fieldMappings must not clash with the kept staticValues.
        var layer = request.FieldMappings is null && request.StaticValues is null
            ? ParsedLayer.Empty
            : LayerInput.Read(request.FieldMappings ?? JsonNode.Parse(current.FieldMappings),
                request.StaticValues ?? JsonNode.Parse(current.StaticValues), string.Empty, errors);
        var sourceType = request.SourceType ?? current.SourceType;
        var eventActions = request.EventActions is null ? null : EventActionsInput.Read(request.EventActions, sourceType, errors);
        if (eventActions is null && sourceType != current.SourceType)
        {
            // The kept event actions must fit the new source type's events too.
            EventActionsInput.CheckKnownEvents(MappingJson.DeserializeEventActions(current.EventActions), sourceType, errors);
        }

        errors.ThrowIfAny();

        var updated = current with
        {
            Name = request.Name?.Trim() ?? current.Name,
            SourceType = request.SourceType ?? current.SourceType,
            Description = request.Description ?? current.Description,
            FieldMappings = request.FieldMappings is null ? current.FieldMappings : layer.FieldMappingsJson,
            StaticValues = request.StaticValues is null ? current.StaticValues : layer.StaticValuesJson,
            EventActions = request.EventActions is null ? current.EventActions : EventActionsInput.Json(eventActions),
            Priority = request.Priority ?? current.Priority,
            IsActive = request.IsActive ?? current.IsActive,
        };
        // The store compares the version in the UPDATE itself, so two operators racing cannot both win.
        if (!await mappings.UpdateTemplateAsync(updated, request.Version!.Value, cancellationToken,
                (transaction, saved) => RecordAsync(transaction, audit, http, "mapping_template.updated", saved, current, cancellationToken)))
        {
            var now = await FindAsync(mappings, id, cancellationToken);
            throw ApiException.Conflict(MappingErrors.VersionConflictCode,
                $"The template is at version {now.Version}, not {request.Version}: read it again and reapply your change.");
        }

        cache.InvalidateAll();
        var saved = await FindAsync(mappings, id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(TemplateView.From(saved)));
    }

    /// <summary>Takes the template out of every merge; deactivating an inactive one changes nothing.</summary>
    internal static async Task<Ok<ApiResponse<TemplateView>>> DeactivateAsync(
        string id, HttpContext http, MappingStore mappings, MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await FindAsync(mappings, id, cancellationToken);
        if (await mappings.DeactivateTemplateAsync(id, cancellationToken,
                (transaction, saved) => RecordAsync(transaction, audit, http, "mapping_template.deactivated", saved, saved, cancellationToken)))
        {
            cache.InvalidateAll();
        }

        return TypedResults.Ok(ApiResponse.Of(TemplateView.From(await FindAsync(mappings, id, cancellationToken))));
    }

    private static async Task<MappingTemplate> FindAsync(MappingStore mappings, string id, CancellationToken cancellationToken) =>
        await mappings.GetTemplateAsync(id, cancellationToken) ?? throw MappingErrors.TemplateNotFound();

    /// <summary>Audits a write in its transaction; <c>before</c> (null for a new template) names the event actions it changed.</summary>
    private static Task RecordAsync(DatabaseTransaction transaction, AuditTrail audit, HttpContext http, string action, MappingTemplate t, MappingTemplate? before,
        CancellationToken cancellationToken)
    {
        var details = new JsonObject { ["name"] = t.Name, ["sourceType"] = t.SourceType, ["version"] = t.Version, ["isActive"] = t.IsActive };
        EventActionsInput.AuditChanges(details, before?.EventActions, t.EventActions);
        LayerChanges.Audit(details, before?.FieldMappings, t.FieldMappings, before?.StaticValues, t.StaticValues);
        return audit.RecordAsync(transaction, AuditActor.Operator(http), new AuditAction(MappingEndpoints.AuditCategory, action)
        {
            OrganizationId = null,
            TargetType = "mapping_template",
            TargetId = t.TemplateId,
            Details = details,
        }, cancellationToken);
    }
}
