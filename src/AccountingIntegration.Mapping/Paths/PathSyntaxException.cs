namespace AccountingIntegration.Mapping;

/// <summary>A payload or QBO path that cannot be parsed; the message says where and why.</summary>
internal sealed class PathSyntaxException(string message) : FormatException(message);
