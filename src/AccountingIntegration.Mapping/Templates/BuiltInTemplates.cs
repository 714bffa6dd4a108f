using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// The templates shipped with the service, one per source type (all templates of a type merge into every
/// source of that type, so two for one type would fight over the same keys). Priority 0: any override
/// or source mapping with priority 0 or more is applied after them. Vendors with an adapter get an event
/// template (<see cref="EventTemplate"/>: event actions, no field mappings); the generic JSON format an
/// invoice template.
/// </summary>
public static class BuiltInTemplates
{
    public const int DefaultPriority = 0;

    public static IReadOnlyList<BuiltInTemplate> All { get; } =
    [
        StripeTemplate.Create(),
        ShopifyTemplate.Create(),
        WooCommerceTemplate.Create(),
        PaddleTemplate.Create(),
        PayPalTemplate.Create(),
        SquareTemplate.Create(),
        OrderEventsTemplate.Create(),
        GenericTemplate.Create(),
    ];

    public static BuiltInTemplate? ForSourceType(string sourceType) =>
        All.FirstOrDefault(template => string.Equals(template.SourceType, sourceType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every line of the generic template is a sales item line; said explicitly so the stored template documents it.</summary>
    internal static Dictionary<string, JsonNode?> SalesItemLines() => new(StringComparer.Ordinal)
    {
        ["Line[].DetailType"] = "SalesItemLineDetail",
    };
}
