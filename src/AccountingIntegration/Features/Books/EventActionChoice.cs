using AccountingIntegration.Books;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Which action the layers choose for a vendor event: the winning entry (its event type's or its meaning's, from the
/// later layer) when that action fits what the event turned out to mean (a Shopify orders/create of a cancelled order
/// is a cancellation, whatever orders/create is set to), else the other entry, else <see cref="EventAction.Auto"/>.
/// </summary>
internal static class EventActionChoice
{
    /// <summary>The action, or null with <paramref name="problem"/> when a layer names no action at all.</summary>
    public static EventAction? For(MergedMapping? mapping, string? eventType, EventMeaning meaning, out string? problem)
    {
        problem = null;
        foreach (var entry in mapping?.EventActionCandidates(eventType, MeaningKey(meaning)) ?? [])
        {
            if (!EventActions.ByName.TryGetValue(entry.Action, out var action))
            {
                problem = $"eventActions.{entry.Event}: '{entry.Action}' is not an action ({string.Join(", ", EventActions.ByName.Keys)}).";
                return null;
            }

            if (EventActions.Allowed(meaning).Contains(action))
            {
                return action;
            }
        }

        return EventAction.Auto;
    }

    public static string MeaningKey(EventMeaning meaning) => meaning.ToString().ToLowerInvariant();
}
