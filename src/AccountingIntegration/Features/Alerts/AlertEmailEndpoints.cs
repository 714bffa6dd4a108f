using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using MimeKit;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// <c>/api/admin/organizations/{id}/alert-email</c>: the addresses an organization's own alerts are e-mailed to, sent
/// through the service's SMTP server (SMTP_HOST). The answer says whether one is configured, so addresses saved on a
/// service without it are not silently idle.
/// </summary>
internal static class AlertEmailEndpoints
{
    public const string NotFoundCode = "ALERT_EMAIL_NOT_FOUND";
    public const int MaxAddresses = 10;

    public static RouteGroupBuilder MapAlertEmailEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations/{id}/alert-email", "Admin Alerts");
        group.MapGet("", GetAsync).WithName("GetAlertEmail")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        group.MapPut("", PutAsync).WithName("SetAlertEmail").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapDelete("", DeleteAsync).WithName("RemoveAlertEmail").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        return group;
    }

    internal static async Task<Ok<ApiResponse<AlertEmailView>>> GetAsync(
        string id, OrganizationStore organizations, AlertEmailRecipientStore recipients, AlertEmailOptions email, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var saved = await recipients.GetAsync(id, cancellationToken) ?? throw NotFound();
        return TypedResults.Ok(ApiResponse.Of(AlertEmailView.From(saved, email)));
    }

    internal static async Task<Ok<ApiResponse<AlertEmailView>>> PutAsync(
        string id, AlertEmailRequest request, HttpContext http, OrganizationStore organizations, AlertEmailRecipientStore recipients,
        AlertEmailOptions email, AuditTrail audit, CancellationToken cancellationToken)
    {
        var addresses = Validate(request.Addresses);
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var saved = await recipients.SaveAsync(id, addresses, cancellationToken, transaction => audit.RecordAsync(transaction, AuditActor.Operator(http),
            Audited("alert_email.set", id) with { Details = new JsonObject { ["addresses"] = new JsonArray([.. addresses.Select(a => JsonValue.Create(a))]) } },
            cancellationToken));
        return TypedResults.Ok(ApiResponse.Of(AlertEmailView.From(saved, email)));
    }

    internal static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, OrganizationStore organizations, AlertEmailRecipientStore recipients, AuditTrail audit, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        if (!await recipients.DeleteAsync(id, cancellationToken,
                transaction => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("alert_email.removed", id), cancellationToken)))
        {
            throw NotFound();
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// One to <see cref="MaxAddresses"/> plain addresses (no display names), each once; refused whole with the field
    /// named, so nothing half-valid is stored.
    /// </summary>
    internal static IReadOnlyList<string> Validate(IReadOnlyList<string?>? addresses)
    {
        var trimmed = (addresses ?? []).Select(a => a?.Trim() ?? string.Empty).ToList();
        string? problem = null;
        if (trimmed.Count is 0 or > MaxAddresses)
        {
            problem = $"must list 1 to {MaxAddresses} e-mail addresses";
        }
        else if (trimmed.FirstOrDefault(a => !IsPlainAddress(a)) is { } bad)
        {
            problem = $"'{bad}' is not a plain e-mail address such as name@example.com";
        }
        else if (trimmed.Distinct(StringComparer.OrdinalIgnoreCase).Count() != trimmed.Count)
        {
            problem = "lists an address twice";
        }

        return problem is null ? trimmed : throw ApiException.Validation(new Dictionary<string, string[]> { ["addresses"] = [problem] });
    }

    private static bool IsPlainAddress(string address) =>
        address.Length is > 2 and <= 254
        && address.Count(c => c == '@') == 1
        && !address.Contains(',', StringComparison.Ordinal)
        && MailboxAddress.TryParse(address, out var parsed)
        && string.IsNullOrEmpty(parsed.Name)
        && string.Equals(parsed.Address, address, StringComparison.Ordinal)
        && parsed.Domain.Length > 0 && parsed.LocalPart.Length > 0;

    private static ApiException NotFound() => ApiException.NotFound(NotFoundCode, "The organization has no alert e-mail addresses.");

    private static AuditAction Audited(string action, string organizationId) =>
        new("alert_email", action) { OrganizationId = organizationId, TargetType = "organization", TargetId = organizationId };
}
