using System.Text.Json;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// <c>/console/mapping/check</c>: what the editor asks as the operator types. Validate runs the checks of a source
/// mapping save without saving; Preview calls the API's preview (<see cref="MappingPreviewEndpoint.PreviewAsync"/>) with
/// the editor's text as the candidate source mapping. Both write nothing, so viewers may use them, as on the API.
/// Each answers an HTML fragment the editor shows.
/// </summary>
[ViewerMayPost]
public sealed class CheckModel : ConsolePageModel
{
    [BindProperty(Name = "organizationId")]
    public string? OrganizationId { get; set; }

    [BindProperty(Name = "sourceId")]
    public string? SourceId { get; set; }

    [BindProperty(Name = "mapping")]
    public string? MappingJson { get; set; }

    [BindProperty(Name = "payload")]
    public string? Payload { get; set; }

    [BindProperty(Name = "payloadId")]
    public string? PayloadId { get; set; }

    [BindProperty(Name = "eventType")]
    public string? EventType { get; set; }

    public IActionResult OnGet() => Redirect("/console/mapping");

    /// <summary>The problems a save of the text would be refused for, each with its field.</summary>
    public async Task<IActionResult> OnPostValidateAsync(CancellationToken cancellationToken)
    {
        var source = await Get<IOrganizationSources>().FindAsync(OrganizationId ?? string.Empty, SourceId ?? string.Empty, cancellationToken);
        IReadOnlyDictionary<string, string[]> problems = source is null
            ? new Dictionary<string, string[]> { ["sourceId"] = ["This source no longer exists."] }
            : MappingText.Problems(MappingJson, source.SourceType);
        return Partial("_Validation", problems);
    }

    /// <summary>The documents the payload would produce with the editor's text in place of the stored source mapping.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var request = MappingText.Read(MappingJson);
            var stored = !string.IsNullOrWhiteSpace(PayloadId);
            var preview = new PreviewRequest(OrganizationId, SourceId, stored ? default : Pasted(),
                new CandidateLayer(request.FieldMappings, request.StaticValues, request.Priority, request.EventActions), null,
                string.IsNullOrWhiteSpace(EventType) ? null : EventType.Trim(), PayloadId: stored ? PayloadId : null);
            var answer = await MappingPreviewEndpoint.PreviewAsync(preview, Get<OrganizationStore>(), Get<IOrganizationSources>(),
                Get<MappingMergerService>(), Get<BookingPreview>(), Get<IReceivedPayloads>(), Get<TimeProvider>(), cancellationToken);
            return Partial("_Preview", new PreviewView(answer.Value!.Data, await ColumnsAsync(cancellationToken)));
        }
        catch (ApiException e)
        {
            return Partial("_Validation", e.Errors ?? new Dictionary<string, string[]> { [string.Empty] = [e.Message] });
        }
    }

    /// <summary>The payload pasted in the editor (a stored one, picked by id, is read by the preview itself).</summary>
    private JsonElement Pasted()
    {
        if (string.IsNullOrWhiteSpace(Payload))
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["payload"] = ["Paste a payload, or pick a recent one, to preview."] });
        }

        try
        {
            using var document = JsonDocument.Parse(Payload);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["payload"] = [$"is not valid JSON: {e.Message}"] });
        }
    }

    /// <summary>The names of the stored layers, so the preview can say which layer set each field.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ColumnsAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MappingPreviewEndpoint.CandidateSourceMappingId] = "Source mapping (in the editor)",
        };
        var mappings = Get<MappingStore>();
        var source = await Get<IOrganizationSources>().FindAsync(OrganizationId!, SourceId!, cancellationToken);
        if (source is not null)
        {
            foreach (var template in await mappings.GetGlobalTemplatesAsync(source.SourceType, cancellationToken))
            {
                names[template.TemplateId] = $"Global template “{template.Name}”";
            }

            foreach (var entry in await mappings.GetClientOverridesAsync(source.OrganizationId, source.SourceId, cancellationToken))
            {
                names[entry.OverrideId] = $"Client override “{entry.Name}”";
            }
        }

        return names;
    }
}

/// <summary>A preview and the names of the layers it mentions.</summary>
internal sealed record PreviewView(PreviewResponse Preview, IReadOnlyDictionary<string, string> LayerNames)
{
    public string NameOf(string layerId, string kind) => LayerNames.TryGetValue(layerId, out var name) ? name : kind;
}
