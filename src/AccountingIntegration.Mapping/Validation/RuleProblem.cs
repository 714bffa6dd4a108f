namespace AccountingIntegration.Mapping;

/// <summary>A problem with one part (<c>qboField</c>, <c>sourceField</c>, …) of a stored rule.</summary>
internal readonly record struct RuleProblem(string Part, string Code, string Message);
