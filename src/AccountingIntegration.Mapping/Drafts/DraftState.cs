using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>What one draft accumulates while its rules run: the payload root, the tree being written, the errors and the resolver requests.</summary>
internal sealed class DraftState(JsonElement root, DraftTree tree)
{
    public JsonElement Root { get; } = root;

    public DraftTree Tree { get; } = tree;

    public List<MappingError> Errors { get; } = [];

    public List<ResolverRequest> Resolvers { get; } = [];

    public void Error(string field, string code, string message) => Errors.Add(new MappingError(field, code, message));
}
