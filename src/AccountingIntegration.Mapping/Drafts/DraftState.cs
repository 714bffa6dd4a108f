using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>What one draft accumulates while its rules run: the payload root, the tree being written, the errors and the resolver requests.</summary>
internal sealed class DraftState(JsonElement root, DraftTree tree)
{
    public JsonElement Root { get; } = root;

    public DraftTree Tree { get; } = tree;

    /// <summary>The root's properties from <see cref="CompiledMapping.RootIndex"/>; null when the mapping has no root index.</summary>
    public JsonElement[]? RootValues { get; set; }

    /// <summary>The current line element's properties from <see cref="CompiledMapping.LineIndex"/>; null outside lines or without one.</summary>
    public JsonElement[]? LineValues { get; set; }

    public List<MappingError> Errors { get; } = [];

    public List<ResolverRequest> Resolvers { get; } = [];

    /// <summary>The value of <paramref name="field"/>'s source, through the draft's property index when it has a slot there.</summary>
    public MappingValue Read(CompiledField field, JsonElement current)
    {
        var values = field.SlotOnLine ? LineValues : RootValues;
        return field.Source is null ? MappingValue.Missing
            : field.Slot >= 0 && values is not null ? field.Source.ReadAfterFirst(values[field.Slot])
            : field.Source.Read(Root, current);
    }

    public void Error(string field, string code, string message) => Errors.Add(new MappingError(field, code, message));
}
