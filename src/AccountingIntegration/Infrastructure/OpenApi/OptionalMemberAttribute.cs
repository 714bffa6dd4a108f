namespace AccountingIntegration.Infrastructure.OpenApi;

/// <summary>
/// Lists a member as optional in the API document when its type cannot say so: a <c>JsonElement</c>
/// where absent, <c>null</c> and a value mean three different things (nullable members are optional anyway).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OptionalMemberAttribute : Attribute;
