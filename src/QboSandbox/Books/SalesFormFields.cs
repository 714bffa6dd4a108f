using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;

namespace QboSandbox.Books;

/// <summary>Field checks shared by sales forms (REFERENCE §3.3): lengths, BillEmail for NeedToSend, dates.</summary>
internal static class SalesFormFields
{
    public static void Check(JsonObject body)
    {
        EntityRow.CheckLength(JsonRead.Str(body, "PrivateNote"), "PrivateNote", 4000);
        var billEmail = JsonRead.Obj(body, "BillEmail") is { } email ? JsonRead.Str(email, "Address") : null;

        // BillEmail.Address is required when EmailStatus=NeedToSend.
        if (JsonRead.Str(body, "EmailStatus") == "NeedToSend" && string.IsNullOrWhiteSpace(billEmail))
        {
            throw QboException.RequiredMissing("BillEmail.Address");
        }

        EntityRow.CheckLength(billEmail, "BillEmail.Address", 100);
        EntityRow.CheckLength(JsonRead.Obj(body, "CustomerMemo") is { } memo ? JsonRead.Str(memo, "value") : null, "CustomerMemo", 1000);
    }

    public static DateOnly? Date(JsonObject body, string name)
    {
        var text = JsonRead.Str(body, name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid: {text}");
    }
}
