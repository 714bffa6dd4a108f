using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Books;

/// <summary>Checks a books settings request and turns it into the stored <c>books</c> section; every problem names its field.</summary>
internal static class BooksSettingsRules
{
    public const int MaxNameLength = 100;

    /// <summary>A rounding line absorbs cents, not missing amounts: a dollar is the most it may ever take.</summary>
    public const decimal MaxRoundingTolerance = 1m;

    public static readonly IReadOnlyList<string> ItemKeys = ["shipping", "fees", "tips", "giftCards", "customerBalance", "rounding", "salesTax", "merchantOfRecordTax", "default"];

    public static JsonObject Validate(BooksSettingsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var section = new JsonObject();
        if (request.FallbackCustomer is not null)
        {
            Name(request.FallbackCustomer, "fallbackCustomer", errors, section);
        }

        if (request.ExemptTaxCode is not null)
        {
            Name(request.ExemptTaxCode, "exemptTaxCode", errors, section);
        }

        if (request.TaxCodes is { } taxCodes)
        {
            var codes = new JsonObject();
            foreach (var (rate, code) in taxCodes)
            {
                if (TaxRateText.ParseKey(rate).Rate is null)
                {
                    errors[$"taxCodes.{rate}"] = ["the key must be a tax rate between 0 and 100 % (\"0.13\", \"13\" or \"13%\"), followed by a region for the sales supplied there (\"15% NB\")"];
                }
                else
                {
                    Name(code, $"taxCodes.{rate}", errors, codes, rate);
                }
            }

            section["taxCodes"] = codes;
        }

        if (request.Items is { } items)
        {
            var named = new JsonObject();
            foreach (var (key, item) in items)
            {
                if (!ItemKeys.Contains(key, StringComparer.Ordinal))
                {
                    errors[$"items.{key}"] = [$"is not an item the books use ({string.Join(", ", ItemKeys)})"];
                }
                else
                {
                    Name(item, $"items.{key}", errors, named, key);
                }
            }

            section["items"] = named;
        }

        if (request.RoundingTolerance is { } tolerance)
        {
            if (tolerance < 0 || tolerance > MaxRoundingTolerance || decimal.Round(tolerance, 2) != tolerance)
            {
                errors["roundingTolerance"] = [$"must be an amount in cents from 0 to {MaxRoundingTolerance:0.00}"];
            }
            else
            {
                section["roundingTolerance"] = tolerance;
            }
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : section;
    }

    private static void Name(string value, string field, Dictionary<string, string[]> errors, JsonObject target, string? key = null)
    {
        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            errors[field] = [$"must be a QBO name or id of 1 to {MaxNameLength} characters"];
            return;
        }

        target[key ?? field] = trimmed;
    }
}
