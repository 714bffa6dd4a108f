namespace AccountingIntegration.Mapping;

/// <summary>
/// A parsed QBO invoice path. For a <c>Line[]…</c> path the segments are relative to the line object.
/// A segment may carry an index, as in <c>CustomField[0].StringValue</c>.
/// </summary>
internal sealed record QboPath(string Text, string Pattern, bool IsLineField, QboPathSegment[] Segments, QboFieldInfo Info);

/// <summary>One property of a QBO path, with its array index when the property holds an array.</summary>
internal readonly record struct QboPathSegment(string Name, int? Index);
