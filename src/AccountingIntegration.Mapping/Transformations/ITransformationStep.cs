namespace AccountingIntegration.Mapping;

/// <summary>One compiled step. Steps are immutable and shared between threads and payloads.</summary>
internal interface ITransformationStep
{
    string Name { get; }

    /// <summary>Returns the transformed value, or throws <see cref="StepFailedException"/> with the reason.</summary>
    MappingValue Apply(MappingValue input, in StepContext context);
}
