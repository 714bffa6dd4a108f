using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Drift;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.OperatorConsole.Failures;

/// <summary>Where in the console (or outside it) a failure is fixed.</summary>
internal enum FixPlace
{
    /// <summary>Nothing to fix: the service carries on by itself, or the outcome is as intended.</summary>
    Nothing,

    /// <summary>The organization's page: its state, connection and settings.</summary>
    Organization,

    /// <summary>The payload's webhook source.</summary>
    Source,

    /// <summary>The mapping editor of the payload's source.</summary>
    Mapping,

    /// <summary>The organization's books settings (tax codes, items, fallback customer), on its page.</summary>
    BooksSettings,

    /// <summary>The organization's QuickBooks connection: send a reconnect link.</summary>
    Reconnect,

    /// <summary>In QuickBooks itself (a name, a document, the company's settings).</summary>
    QuickBooks,

    /// <summary>The service's own configuration or log: for the operator, not the bookkeeper.</summary>
    Service,
}

/// <summary>
/// A recorded failure or outcome code in words a bookkeeper understands: what happened, the likely cause, and the fix,
/// with the console page where it is made.
/// </summary>
internal sealed record FailureExplanation(string Code, string Title, string Cause, string Fix, FixPlace Place)
{
    /// <summary>True for a code the catalogue does not know (an unknown QBO fault, an old system's note): the words are general.</summary>
    public bool IsGeneral { get; init; }

    /// <summary>QBO's own fault code (6240, 5010, …) when the code carries one.</summary>
    public string? QboFaultCode { get; init; }

    /// <summary>The console page where the fix is made, or null when nothing in the console fixes it.</summary>
    public string? FixUrl(string organizationId, string sourceId)
    {
        var organization = "/console/organizations/" + Uri.EscapeDataString(organizationId);
        return Place switch
        {
            FixPlace.Organization => organization,
            FixPlace.Source => organization + "/sources/" + Uri.EscapeDataString(sourceId),
            FixPlace.Mapping => "/console/mapping/" + Uri.EscapeDataString(organizationId) + "/" + Uri.EscapeDataString(sourceId),
            FixPlace.BooksSettings => organization + "/books",
            FixPlace.Reconnect => organization + "#connection-heading",
            _ => null,
        };
    }

    /// <summary>The words of the fix link.</summary>
    public string FixLinkText => Place switch
    {
        FixPlace.Organization => "Open the organization",
        FixPlace.Source => "Open the webhook source",
        FixPlace.Mapping => "Open the mapping editor",
        FixPlace.BooksSettings => "Open the books settings",
        FixPlace.Reconnect => "Reconnect QuickBooks",
        _ => string.Empty,
    };
}

/// <summary>
/// Every failure and outcome code the service records on a payload or a sync log row, explained. Codes are the
/// <see cref="OutcomeCodes"/>, the exceptions' codes written by the processor, the drift codes, and QBO's own faults,
/// recorded as <c>QBO_{fault code}</c> (a refused request) or <c>QBO_{kind}</c> (a request QBO could not answer, retried).
/// A QBO fault code the catalogue does not know still gets words (QBO refused the document, with QBO's own message).
/// </summary>
internal static class FailureExplanations
{
    /// <summary>The prefix of a QBO fault's recorded code.</summary>
    public const string QboPrefix = "QBO_";

    private static readonly Dictionary<string, FailureExplanation> Known = Build().ToDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>Every code with words of its own.</summary>
    public static IReadOnlyCollection<FailureExplanation> Catalogue => Known.Values;

    /// <summary>The code a payload's last error starts with (<c>"CODE: words"</c>), or null when it has none.</summary>
    /// <param name="lastError">The payload's last error as stored.</param>
    public static string? CodeOf(string? lastError)
    {
        if (string.IsNullOrEmpty(lastError))
        {
            return null;
        }

        var end = lastError.IndexOf(':', StringComparison.Ordinal);
        var code = end < 0 ? lastError : lastError[..end];
        return code.Length is > 0 and <= 64 && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_') ? code : null;
    }

    /// <summary>The words for a recorded code; a code nobody knows gets general words, never none.</summary>
    /// <param name="code">The sync log's error code or the code the payload's last error starts with.</param>
    public static FailureExplanation Explain(string? code)
    {
        if (code is null)
        {
            return General(string.Empty);
        }

        if (Known.TryGetValue(code, out var known))
        {
            return known;
        }

        if (code.StartsWith(QboPrefix, StringComparison.Ordinal) && code.Length > QboPrefix.Length && code[QboPrefix.Length..].All(char.IsAsciiDigit))
        {
            return new FailureExplanation(code, "QuickBooks refused the document",
                "QuickBooks answered with an error the service has no words of its own for. QuickBooks' own message is shown with it below.",
                "Read QuickBooks' message: it usually names the field or the record it objects to. Fix that in QuickBooks or in the mapping, then replay.",
                FixPlace.Mapping)
            { IsGeneral = true, QboFaultCode = code[QboPrefix.Length..] };
        }

        return General(code);
    }

    private static FailureExplanation General(string code) => new(code, "The payload was not booked",
        "The service recorded no reason it has words for (a payload imported from the old system, or a note without a code). The message below is all that is known.",
        "Read the message and the attempts below; when the cause is fixed, replay the payload.", FixPlace.Nothing)
    { IsGeneral = true };

    private static FailureExplanation Qbo(string fault, string title, string cause, string fix, FixPlace place) =>
        new(QboPrefix + fault, title, cause, fix, place) { QboFaultCode = fault.All(char.IsAsciiDigit) ? fault : null };

    /// <summary>The code a QBO failure of <paramref name="kind"/> without a fault code is recorded under when it is retried.</summary>
    /// <param name="kind">The kind of QBO failure.</param>
    public static string RetryCode(QboErrorKind kind) => QboPrefix + kind.ToString().ToUpperInvariant();

    private static IEnumerable<FailureExplanation> Build()
    {
        // The service's own outcomes.
        yield return new(OutcomeCodes.InternalError, "The service hit an unexpected error",
            "Something went wrong inside the integration service itself, not in the payload or in QuickBooks. It is retried automatically.",
            "Usually nothing: the next attempt often succeeds. If it keeps failing, give the payload id to whoever runs the service; the service log has the details.",
            FixPlace.Service);
        yield return new(OutcomeCodes.PayloadMissing, "The payload was no longer there",
            "The payload was removed (by retention or by hand) between being queued and being processed.",
            "Nothing to fix here. If the sale still needs booking, ask the sender to deliver the webhook again.", FixPlace.Nothing);
        yield return new(OutcomeCodes.OrganizationInactive, "The organization is deactivated",
            "Payloads of a deactivated organization are received but not booked.",
            "Reactivate the organization if it should be booking again, then replay the payload.", FixPlace.Organization);
        yield return new(OutcomeCodes.NoMapping, "There is no mapping for this source",
            "No template, override or source mapping applies to this webhook source, so the service does not know what document to create.",
            "Choose a template or write a mapping for the source in the mapping editor, then replay.", FixPlace.Mapping);
        yield return new(OutcomeCodes.MappingError, "The mapping could not fill the document",
            "A field the mapping reads is missing or has the wrong form in this payload (for example no customer name, a price that is not a number).",
            "Open the mapping editor, preview this payload to see which field is wrong, correct the mapping, save, then replay.", FixPlace.Mapping);
        yield return new(OutcomeCodes.QboNotConnected, "QuickBooks is not connected",
            "The organization has never connected its QuickBooks company, disconnected it, or Intuit refused its sign-in. The payload waits; nothing is lost.",
            "Send the client a reconnect link from the organization's page. Waiting payloads resume by themselves once the company is connected.",
            FixPlace.Reconnect);
        yield return new(OutcomeCodes.QboOAuthUnavailable, "Intuit's sign-in service did not answer",
            "Renewing the QuickBooks sign-in failed because Intuit's sign-in service was unavailable. It is retried automatically.",
            "Usually nothing: it is retried with back-off. If it lasts, check Intuit's status page; if the connection is reported broken, reconnect.",
            FixPlace.Reconnect);
        yield return new(OutcomeCodes.EventIgnored, "Nothing to book for this event",
            "The event moves no money (a failed payment, a draft, a notice), or the source's settings book nothing for it. This is not an error.",
            "Nothing, unless this event should be booked: then change the source's event actions in the mapping editor and replay.", FixPlace.Mapping);
        yield return new(OutcomeCodes.EventInvalid, "The webhook is too broken to read",
            "The body lacks fields the sender always sends (an id, amounts, lines), so the service cannot tell what happened. Each missing field is named below.",
            "Check that the source's type matches the sender (a Shopify body on a Stripe source fails this way), and ask the sender to deliver a complete event.",
            FixPlace.Source);
        yield return new(OutcomeCodes.BookingRefused, "The books would not be right, so nothing was booked",
            "Booking it would be wrong: a tax rate with no QuickBooks tax code mapped (a missing tax mapping), a tax code in the books settings that the company does not have, a foreign currency the company does not take, or totals that do not add up. The message says which.",
            "For a tax rate, add it to the tax codes in the organization's books settings; for a tax code, name one the company has there; for a currency, turn on multicurrency in QuickBooks. Then replay.",
            FixPlace.BooksSettings);
        yield return new(OutcomeCodes.WaitingForSale, "Waiting for its sale to be booked",
            "A payment, refund or cancellation arrived before the sale it belongs to. It waits instead of failing.",
            "Nothing: it resumes when the sale is booked. If the sale's webhook never came, ask the sender to deliver it.", FixPlace.Nothing);
        yield return new(OutcomeCodes.SaleBusy, "Waiting for another payload of the same sale",
            "Another event of the same order or payment was being booked at that moment. The two take turns, so the sale is booked once.",
            "Nothing: it is tried again within seconds, and the wait does not count as an attempt.", FixPlace.Nothing);
        yield return new(OutcomeCodes.SaleLinked, "Its sale's other names were recorded",
            "The event moves no money but tells how the sale is otherwise named (a Stripe invoice payment names the payment that paid the invoice), so that its refunds and disputes find the sale. This is not an error.",
            "Nothing, unless the message says SALE_BOOKED_TWICE and \"void one of them\": then the payment was also booked as a sale of its own, and something was booked against it or it was deposited; void one of the two documents in QuickBooks. When it says \"so the money is in the books once\", the service voided the payment's own sale itself.",
            FixPlace.Nothing);
        yield return new(OutcomeCodes.DependencyMissing, "Its sale was never booked",
            "A payment, refund or cancellation waited for its sale, and the sale was not booked within the time limit.",
            "Find the sale's payload (search for the order) and get it booked, or ask the sender to deliver it: this one is then booked by itself, with no replay.",
            FixPlace.Source);
        yield return new(ReferenceNotFoundException.ErrorCode, "A customer or item was not found in QuickBooks",
            "The document names a customer, item or other record that does not exist in QuickBooks, and the organization's settings do not allow creating it.",
            "Create the record in QuickBooks with exactly that name, or allow creating customers and items in the organization's settings, then replay.",
            FixPlace.Organization);
        yield return new(FingerprintUnsettledException.Code, "Checking whether QuickBooks already has the document",
            "An earlier attempt may have created the document without hearing back, and QuickBooks holds too many documents since the payload arrived to check in one look. It is not sent again, so it cannot be booked twice.",
            "Nothing: the next attempt looks again. If it ends dead, look for the document in QuickBooks before replaying.", FixPlace.Nothing);
        yield return new(IngestErrors.SourceNotFoundCode, "Its webhook source was removed",
            "The payload's webhook source no longer exists, so the service does not know how to book it.",
            "Create or reactivate the source on the organization's page, then replay.", FixPlace.Organization);

        // Booked, then changed in QuickBooks by someone else.
        yield return new(DriftDetector.Edited, "Someone edited the document in QuickBooks",
            "After it was booked, its total or customer was changed in QuickBooks, so the books no longer match the sale.",
            "Check the change with the bookkeeper in QuickBooks. The payload is not replayed: that would book the sale twice.", FixPlace.QuickBooks);
        yield return new(DriftDetector.Voided, "Someone voided the document in QuickBooks",
            "After it was booked, the document was voided in QuickBooks by someone other than the service.",
            "Check with the bookkeeper why it was voided. The payload is not replayed: that would book the sale twice.", FixPlace.QuickBooks);
        yield return new(DriftDetector.Deleted, "Someone deleted the document in QuickBooks",
            "After it was booked, the document was deleted in QuickBooks.",
            "Check with the bookkeeper; if the sale should be in the books, enter it in QuickBooks by hand. The payload is not replayed.", FixPlace.QuickBooks);

        // QBO could not answer: retried with back-off (recorded as QBO_{kind}).
        yield return Qbo("THROTTLED", "QuickBooks asked us to slow down",
            "The company's QuickBooks rate limit was reached (too many requests a minute). It is retried automatically.",
            "Nothing: it is retried after QuickBooks' wait. Many at once mean a large backlog; they clear by themselves.", FixPlace.Nothing);
        yield return Qbo("SERVER", "QuickBooks had a problem of its own",
            "QuickBooks answered with a server error (500 or 503). It is retried automatically; the service checks first that nothing was created.",
            "Nothing: it is retried with back-off. If it lasts, check Intuit's status page.", FixPlace.Nothing);
        yield return Qbo("NETWORK", "QuickBooks could not be reached",
            "No answer came from QuickBooks (a time-out or a dropped connection). It is retried; the service checks first that nothing was created.",
            "Nothing: it is retried with back-off. If every payload shows this, the service's network to Intuit is down.", FixPlace.Nothing);
        yield return Qbo("AUTHENTICATION", "QuickBooks refused the sign-in",
            "QuickBooks did not accept the company's access token (it expired or was revoked). The service renews it once and retries.",
            "Usually nothing. If the connection is reported broken, send the client a reconnect link.", FixPlace.Reconnect);
        yield return Qbo("VALIDATION", "QuickBooks refused the document",
            "QuickBooks found something wrong in the document. QuickBooks' own message is shown below.",
            "Read QuickBooks' message, fix the mapping or the record in QuickBooks, then replay.", FixPlace.Mapping);
        yield return Qbo("AUTHORIZATION", "The app is not allowed to do this in QuickBooks",
            "QuickBooks answered 403: the connection lacks the accounting permission, or the company's subscription does not allow it.",
            "Reconnect the company, approving accounting access; check the company's QuickBooks subscription.", FixPlace.Reconnect);
        yield return Qbo("NOTFOUND", "QuickBooks could not find what was asked for",
            "QuickBooks answered 404: the company or the record no longer exists.",
            "Check that the organization is connected to the right company, then replay.", FixPlace.Reconnect);

        // QBO refused the request (recorded as QBO_{fault code}, or QBO_{HTTP status} when QBO gave none).
        yield return Qbo("6240", "A customer, vendor or employee already has this name",
            "QuickBooks keeps one list of names for customers, vendors and employees; the name the document uses is taken by another of them (QuickBooks fault 6240, duplicate name).",
            "Rename the other record in QuickBooks, or map the customer name differently (for example add the e-mail) in the mapping editor, then replay.",
            FixPlace.Mapping);
        yield return Qbo("6140", "QuickBooks already has a document with this number",
            "The document number (DocNumber, usually the order number) is used by another document of the same type, and the company forbids duplicate numbers (QuickBooks fault 6140).",
            "Allow duplicate numbers in QuickBooks (Account and settings → Sales → custom transaction numbers), or change the DocNumber field in the mapping, then replay.",
            FixPlace.Mapping);
        yield return Qbo("2500", "The document points to something QuickBooks does not have",
            "A reference in the document (customer, item, tax code, account) names a record that does not exist or is inactive in QuickBooks (fault 2500, invalid reference).",
            "Check the tax codes and items in the organization's books settings against QuickBooks, or reactivate the record in QuickBooks, then replay.",
            FixPlace.BooksSettings);
        yield return Qbo("610", "A record the document needs was deleted in QuickBooks",
            "The document refers to a customer, item or document that has been deleted or made inactive in QuickBooks (fault 610, object not found).",
            "Reactivate the record in QuickBooks (or correct the books settings so another is used), then replay.", FixPlace.BooksSettings);
        yield return Qbo("5010", "Someone changed the document in QuickBooks at the same time",
            "The document was changed in QuickBooks after the service last read it (fault 5010, stale object).",
            "Replay: the service reads the document again before changing it.", FixPlace.Nothing);
        yield return Qbo("6000", "QuickBooks' business rules refused the document",
            "QuickBooks found a business rule the document breaks (fault 6000); its message below says which.",
            "Read QuickBooks' message; fix the value in the mapping or the setting in QuickBooks, then replay.", FixPlace.Mapping);
        yield return Qbo("6190", "The QuickBooks subscription has lapsed",
            "The company's QuickBooks subscription or trial has ended, so QuickBooks accepts no new documents (fault 6190).",
            "The client must renew the QuickBooks subscription; then replay.", FixPlace.QuickBooks);
        yield return Qbo("6210", "The books are closed for that date",
            "The document's date falls in a period closed in QuickBooks (fault 6210).",
            "Ask the bookkeeper to open the period (or change the closing date) in QuickBooks, then replay.", FixPlace.QuickBooks);
        yield return Qbo("2020", "A field QuickBooks requires is empty",
            "The document lacks a value QuickBooks requires (fault 2020); the message names it.",
            "Map the missing field in the mapping editor, then replay.", FixPlace.Mapping);
        yield return Qbo("2010", "The document has a field QuickBooks does not take",
            "The mapping sets a field QuickBooks does not accept on this document (fault 2010).",
            "Remove or rename the field in the mapping editor, then replay.", FixPlace.Mapping);
        yield return Qbo("2050", "A value is too long or too short for QuickBooks",
            "A text in the document is longer (or shorter) than QuickBooks allows (fault 2050), for example a name over 100 characters.",
            "Shorten the value in the mapping editor (or at the sender), then replay.", FixPlace.Mapping);
        yield return Qbo("3200", "QuickBooks no longer accepts the connection",
            "QuickBooks refused the company's sign-in (fault 3200): the connection was revoked or has expired.",
            "Send the client a reconnect link; waiting payloads resume once reconnected.", FixPlace.Reconnect);
        yield return Qbo("3100", "The app may not reach this company",
            "QuickBooks refused access to the company (fault 3100): the connection lacks permission.",
            "Reconnect the company, approving accounting access.", FixPlace.Reconnect);
        yield return Qbo("120", "The app is not allowed to do this in QuickBooks",
            "QuickBooks refused the request for lack of permission (fault 120).",
            "Reconnect the company with an administrator of the QuickBooks company approving.", FixPlace.Reconnect);
        yield return Qbo("100", "QuickBooks reported a general error",
            "QuickBooks answered with a general error (fault 100) about the company or the connection.",
            "Replay once; if it fails again, reconnect the company.", FixPlace.Reconnect);
        yield return Qbo("400", "QuickBooks refused the request",
            "QuickBooks answered 400 without saying why.",
            "Preview the payload in the mapping editor to check the document, then replay.", FixPlace.Mapping);
        yield return Qbo("401", "QuickBooks refused the sign-in",
            "QuickBooks answered 401: the access token was refused and renewing it did not help.",
            "Send the client a reconnect link.", FixPlace.Reconnect);
        yield return Qbo("403", "The app is not allowed to do this in QuickBooks",
            "QuickBooks answered 403: the connection lacks permission or the subscription does not allow it.",
            "Reconnect the company, approving accounting access.", FixPlace.Reconnect);
        yield return Qbo("404", "QuickBooks could not find the company or record",
            "QuickBooks answered 404.",
            "Check that the organization is connected to the right company, then replay.", FixPlace.Reconnect);
        yield return Qbo("429", "QuickBooks asked us to slow down",
            "The company's QuickBooks rate limit was reached. It is retried automatically.",
            "Nothing: it is retried after QuickBooks' wait.", FixPlace.Nothing);
        yield return Qbo("500", "QuickBooks had a problem of its own",
            "QuickBooks answered with a server error (500).",
            "Replay later; if it lasts, check Intuit's status page.", FixPlace.Nothing);
        yield return Qbo("503", "QuickBooks is temporarily unavailable",
            "QuickBooks answered 503: the service is down for a moment.",
            "Replay later; if it lasts, check Intuit's status page.", FixPlace.Nothing);
    }
}
