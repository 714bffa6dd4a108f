namespace AccountingIntegration.Mapping;

/// <summary>
/// One problem found while validating a layer, building a draft or checking QBO's rules.
/// <see cref="Field"/> names where: a QBO path such as <c>Line[1].Amount</c>, or a layer location such as
/// <c>fieldMappings[3].transformation</c>. <see cref="Code"/> is one of <see cref="MappingErrorCodes"/>.
/// </summary>
public sealed record MappingError(string Field, string Code, string Message);
