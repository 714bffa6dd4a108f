using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// A layer's <c>fieldMappings</c> as the API takes and shows them: the engine's <see cref="FieldMapping"/>
/// rules. The records keep them as <c>JsonNode</c> so that <see cref="LayerInput"/> can name each bad entry.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FieldMappingsSchemaAttribute() : DocumentedAsAttribute(
    typeof(IReadOnlyList<FieldMapping>), "The layer's rules, one per QBO field (docs/mapping.md). Only `qboField` is required.");

/// <summary>A layer's <c>staticValues</c>: fixed values by QBO path, any JSON value each.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class StaticValuesSchemaAttribute() : DocumentedAsAttribute(
    typeof(IReadOnlyDictionary<string, JsonNode?>), "Fixed values by QBO path, e.g. `{ \"CurrencyRef.value\": \"USD\" }`; any JSON value.");

/// <summary>A layer's <c>eventActions</c>: what each event becomes in QBO, by event type or meaning.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EventActionsSchemaAttribute() : DocumentedAsAttribute(
    typeof(IReadOnlyDictionary<string, string>),
    "What each event becomes (docs/mapping.md): event type (`invoice.paid`, `orders/create`, `PAYMENT.CAPTURE.COMPLETED`) or meaning " +
    "(`sale`, `payment`, `refund`, `cancellation`) → action: `auto`, `invoice`, `invoice_and_payment`, `sales_receipt`, `payment`, " +
    "`refund_receipt`, `credit_memo`, `void`, `ignore`. A type key wins over a meaning key; a later layer wins per key.");
