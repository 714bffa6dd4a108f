using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Tests.Mapping;

/// <summary>
/// The built-in templates (the mapping engine, which does not reference the books) against the books' vendor
/// adapters: each vendor's template names every event its adapter knows, with an action that fits what the event
/// means, and nothing else; and every template passes the checks the admin API applies to a saved layer.
/// </summary>
public sealed class BuiltInTemplateEventsTests
{
    public static TheoryData<string> Vendors => [.. VendorAdapters.All.Select(adapter => adapter.SourceType)];

    [Theory]
    [MemberData(nameof(Vendors))]
    public void VendorTemplate_NamesEveryKnownEventWithAnActionThatFitsIt(string sourceType)
    {
        var adapter = VendorAdapters.For(sourceType)!;
        var template = BuiltInTemplates.ForSourceType(sourceType);
        Assert.NotNull(template);
        var actions = new Dictionary<string, string>(template.EventActions, StringComparer.OrdinalIgnoreCase);

        Assert.All(adapter.KnownEvents, known =>
        {
            Assert.True(actions.TryGetValue(known.EventType, out var name), $"{sourceType} template has no action for {known.EventType}");
            Assert.True(EventActions.ByName.TryGetValue(name, out var action), $"{known.EventType}: '{name}' is not an action");
            Assert.True(EventActions.Allowed(known.Meaning).Contains(action), $"{known.EventType} ({known.Meaning}): '{name}' does not fit");
        });
        var known = adapter.KnownEvents.Select(e => e.EventType).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(actions.Keys, key => !known.Contains(key) && !EventActionsInput.Meanings.ContainsKey(key));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void VendorTemplate_EventsThatMoveMoney_GetTheDocumentedDefaults(string sourceType)
    {
        var template = BuiltInTemplates.ForSourceType(sourceType)!;
        var actions = new Dictionary<string, string>(template.EventActions, StringComparer.OrdinalIgnoreCase);

        Assert.All(VendorAdapters.For(sourceType)!.KnownEvents.Where(e => e.Meaning != EventMeaning.NoMoney), known => Assert.Equal(
            known.Meaning switch
            {
                EventMeaning.Payment => "payment",
                EventMeaning.Cancellation => "void",
                _ => "auto",
            },
            actions[known.EventType]));
    }

    [Fact]
    public void EveryTemplate_PassesTheAdminApisChecks()
    {
        foreach (var template in BuiltInTemplates.All)
        {
            var errors = new ValidationErrors();
            var node = JsonNode.Parse(MappingJson.SerializeEventActions(template.EventActions))!;

            var read = EventActionsInput.Read(node, template.SourceType, errors);

            Assert.Equal(0, errors.Count);
            Assert.Equal(template.EventActions, read);
        }
    }

    [Fact]
    public void EveryVendorAdapter_HasATemplate_AndTheGenericTemplatesActionIsOneAGenericSourceTakes()
    {
        Assert.All(VendorAdapters.All, adapter => Assert.NotNull(BuiltInTemplates.ForSourceType(adapter.SourceType)));
        var generic = BuiltInTemplates.ForSourceType("generic")!;
        Assert.Null(VendorAdapters.For(generic.SourceType));
        Assert.All(generic.EventActions.Values, name => Assert.Contains(EventActions.ByName[name], GenericDocument.Allowed));
    }
}
