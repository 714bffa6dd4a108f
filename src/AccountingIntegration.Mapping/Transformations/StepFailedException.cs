namespace AccountingIntegration.Mapping;

/// <summary>Thrown by a step that cannot handle its input; the pipeline adds the step name and the value.</summary>
internal sealed class StepFailedException(string reason) : Exception(reason);
