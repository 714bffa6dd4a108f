namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Documents a member the code keeps loosely typed (a <c>JsonNode</c> its handler reads and checks
/// itself) with the schema of <see cref="Type"/>, the shape it must have on the wire.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal class DocumentedAsAttribute(Type type, string? description = null) : Attribute
{
    public Type Type { get; } = type;

    public string? Description { get; } = description;
}
