using AccountingIntegration.Books;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// What a generic source (a source type with no adapter) can do with an event: its mapping builds one invoice, booked
/// as that invoice, as a sales receipt, or not at all. The save, the preview and the webhook worker all ask here, so a
/// layer that is accepted is one the worker can run.
/// </summary>
internal static class GenericSourceActions
{
    public static readonly IReadOnlyList<EventAction> Allowed = [EventAction.Auto, EventAction.Invoice, EventAction.SalesReceipt, EventAction.Ignore];

    public static string AllowedNames => string.Join(", ", Allowed.Select(EventActions.Name));

    /// <summary>
    /// The action the merged layers give the event (its type key, or the <c>sale</c> key), <see cref="EventAction.Auto"/>
    /// when none; null when the winning entry names an action a generic source cannot run, which is then in
    /// <paramref name="unrunnable"/>.
    /// </summary>
    public static EventAction? For(MergedMapping mapping, string? eventType, out string? unrunnable)
    {
        unrunnable = null;
        var choice = mapping.EventActionFor(eventType, "sale");
        if (choice is null)
        {
            return EventAction.Auto;
        }

        if (EventActions.ByName.TryGetValue(choice, out var action) && Allowed.Contains(action))
        {
            return action;
        }

        unrunnable = choice;
        return null;
    }

    /// <summary>Why an action cannot run for a generic source, in the words the save, the preview and the worker share.</summary>
    public static string Refusal(string choice) => $"a generic source's event becomes one of {AllowedNames}, not '{choice}'";
}
