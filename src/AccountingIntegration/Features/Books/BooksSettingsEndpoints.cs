using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// <c>GET|PUT /api/v1/org/{slug}/books/settings</c>: the organization's own book-keeping choices (docs/books.md): the
/// customer for sales without a buyer, which tax code each rate means, the items that carry shipping, fees, tips,
/// gift cards, rounding and tax, and the rounding tolerance. The organization sets them with its API key; an
/// operator may too. A PUT replaces the whole section: what it leaves out takes its default.
/// </summary>
internal static class BooksSettingsEndpoints
{
    public static void MapBooksSettings(this TenantRouteGroup tenant)
    {
        var books = tenant.Routes.MapGroup("/books").WithTags("Books");
        books.MapGet("/settings", Get).WithName("GetBooksSettings");
        books.MapPut("/settings", PutAsync).WithName("PutBooksSettings")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
    }

    internal static Ok<ApiResponse<BooksSettingsView>> Get(TenantContext tenant) =>
        TypedResults.Ok(ApiResponse.Of(BooksSettingsView.From(OrganizationBooksSettings.Read(tenant.Organization.Settings))));

    internal static async Task<Ok<ApiResponse<BooksSettingsView>>> PutAsync(
        BooksSettingsRequest request, TenantContext tenant, HttpContext http, OrganizationStore organizations, OrganizationDirectory directory, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var section = BooksSettingsRules.Validate(request);
        // Made on the organization as stored (the tenant's copy may be a few seconds old), so the rest of the
        // settings, and whatever else someone changes meanwhile, survive.
        var change = await organizations.ChangeAsync(tenant.OrganizationId, current =>
        {
            var settings = (JsonObject)current.Settings.DeepClone();
            settings[OrganizationBooksSettings.Section] = section.DeepClone();
            return current with { Settings = settings };
        }, cancellationToken, (transaction, _) => audit.RecordAsync(transaction, tenant.AuditActor(http), new AuditAction("organization", "books_settings.updated")
        {
            OrganizationId = tenant.OrganizationId,
            TargetType = "organization",
            TargetId = tenant.OrganizationId,
            Details = new() { ["keys"] = string.Join(",", section.Select(p => p.Key)) },
        }, cancellationToken)) ?? throw OrganizationErrors.NotFound();
        directory.Evict(change.After);
        return TypedResults.Ok(ApiResponse.Of(BooksSettingsView.From(OrganizationBooksSettings.Read(change.After.Settings))));
    }
}

/// <summary>The books section as sent; every member optional.</summary>
internal sealed record BooksSettingsRequest(
    string? FallbackCustomer,
    Dictionary<string, string>? TaxCodes,
    string? ExemptTaxCode,
    Dictionary<string, string>? Items,
    decimal? RoundingTolerance);

/// <summary>The settings in effect, defaults filled in.</summary>
internal sealed record BooksSettingsView(
    string FallbackCustomer,
    IReadOnlyDictionary<string, string> TaxCodes,
    string? ExemptTaxCode,
    IReadOnlyDictionary<string, string> Items,
    decimal RoundingTolerance)
{
    public static BooksSettingsView From(BookingSettings s) => new(
        s.FallbackCustomer ?? OrganizationBooksSettings.DefaultFallbackCustomer,
        s.TaxCodesByRate,
        s.ExemptTaxCode,
        new Dictionary<string, string>
        {
            ["shipping"] = s.ShippingItem,
            ["fees"] = s.FeesItem,
            ["tips"] = s.TipsItem,
            ["giftCards"] = s.GiftCardItem,
            ["customerBalance"] = s.CustomerBalanceItem,
            ["rounding"] = s.RoundingItem,
            ["salesTax"] = s.SalesTaxItem,
            ["merchantOfRecordTax"] = s.MerchantOfRecordTaxItem,
            ["default"] = s.DefaultItem,
        },
        s.RoundingTolerance);
}
