namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>Another save came first: when, what it changed against the page's version, and the version now stored.</summary>
internal sealed record SaveConflict(DateTime? TheirSaveAt, IReadOnlyList<string> Changes, string CurrentVersion);

/// <summary>What <c>_SaveConflict</c> shows: the conflict, the alert's element id, and what was saved ("this template").</summary>
internal sealed record SaveConflictView(SaveConflict Conflict, string ElementId, string What);
