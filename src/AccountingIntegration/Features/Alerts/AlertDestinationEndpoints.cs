using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// <c>/api/admin/organizations/{id}/alert-destination</c>: where an organization's own alerts go. The signing secret is
/// write-only: stored encrypted and bound to the organization, never answered, logged or audited.
/// </summary>
internal static class AlertDestinationEndpoints
{
    public const string NotFoundCode = "ALERT_DESTINATION_NOT_FOUND";
    public const int MinSecretLength = 16;

    public static RouteGroupBuilder MapAlertDestinationEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations/{id}/alert-destination", "Admin Alerts");
        group.MapGet("", GetAsync).WithName("GetAlertDestination")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        group.MapPut("", PutAsync).WithName("SetAlertDestination").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapDelete("", DeleteAsync).WithName("RemoveAlertDestination").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        return group;
    }

    /// <summary>The secret's ciphertext is bound to its organization, so it cannot be copied to another one's row.</summary>
    public static string SecretContext(string organizationId) => "alert-destination:" + organizationId;

    internal static async Task<Ok<ApiResponse<AlertDestinationView>>> GetAsync(
        string id, OrganizationStore organizations, AlertDestinationStore destinations, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var destination = await destinations.GetAsync(id, cancellationToken) ?? throw NotFound();
        return TypedResults.Ok(ApiResponse.Of(AlertDestinationView.From(destination)));
    }

    internal static async Task<Ok<ApiResponse<AlertDestinationView>>> PutAsync(
        string id, AlertDestinationRequest request, HttpContext http, OrganizationStore organizations, AlertDestinationStore destinations,
        SecretProtector secrets, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Url is null || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || request.Url.Length > 2000)
        {
            errors["url"] = ["must be an absolute http(s) URL of at most 2000 characters"];
        }

        if (request.Secret is null || request.Secret.Length < MinSecretLength || request.Secret.Length > 500)
        {
            errors["secret"] = [$"must be {MinSecretLength} to 500 characters"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var saved = await destinations.SaveAsync(id, request.Url!, secrets.Protect(request.Secret!, SecretContext(id)), cancellationToken,
            transaction => audit.RecordAsync(transaction, AuditActor.Operator(http),
                Audited("alert_destination.set", id) with { Details = new JsonObject { ["url"] = request.Url } }, cancellationToken));
        return TypedResults.Ok(ApiResponse.Of(AlertDestinationView.From(saved)));
    }

    internal static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, OrganizationStore organizations, AlertDestinationStore destinations, AuditTrail audit, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        if (!await destinations.DeleteAsync(id, cancellationToken,
                transaction => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("alert_destination.removed", id), cancellationToken)))
        {
            throw NotFound();
        }

        return TypedResults.NoContent();
    }

    private static ApiException NotFound() => ApiException.NotFound(NotFoundCode, "The organization has no alert destination.");

    private static AuditAction Audited(string action, string organizationId) =>
        new("alert_destination", action) { OrganizationId = organizationId, TargetType = "organization", TargetId = organizationId };
}
