namespace AccountingIntegration.Mapping;

/// <summary>A transformation that cannot be compiled: unknown step, bad argument or bad pipeline syntax.</summary>
internal sealed class TransformationSyntaxException(string message) : FormatException(message);
