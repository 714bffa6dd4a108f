using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// References from a transaction to a list entity. An id that does not exist is 2500 "Invalid
/// Reference Id : {element}" (QuickBooks-V3-PHP-SDK#102, quickbooks-ruby#251); one that exists but is
/// inactive is 610 Object Not Found (REFERENCE §5.3). Entities created earlier in the same batch count
/// as missing (REFERENCE §7).
/// </summary>
internal static class References
{
    public static JsonObject Require(Company company, string entity, string id, string element, CreateContext context)
    {
        var row = company.Table(entity).Find(id);
        if (row is null || !context.CanReference(entity, id))
        {
            throw InvalidReference(element);
        }

        if (!EntityRow.IsActive(row))
        {
            throw QboException.ObjectNotFound(element);
        }

        return row;
    }

    public static QboException InvalidReference(string element) =>
        new("2500", "Invalid Reference Id", $"Invalid Reference Id : {element}", element);
}
