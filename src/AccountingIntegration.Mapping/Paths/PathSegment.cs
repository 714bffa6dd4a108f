namespace AccountingIntegration.Mapping;

internal enum PathSegmentKind
{
    Property,
    Index,
    Wildcard,
}

/// <summary>One step of a payload path: a property name, an array index (negative counts from the end) or <c>[*]</c>.</summary>
internal readonly record struct PathSegment(PathSegmentKind Kind, string Name, int Index)
{
    public static PathSegment Property(string name) => new(PathSegmentKind.Property, name, 0);

    public static PathSegment At(int index) => new(PathSegmentKind.Index, string.Empty, index);

    public static PathSegment Wildcard { get; } = new(PathSegmentKind.Wildcard, string.Empty, 0);
}
