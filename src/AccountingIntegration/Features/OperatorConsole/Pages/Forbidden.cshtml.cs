namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>Where a viewer's attempted change lands.</summary>
public sealed class ForbiddenModel : ConsolePageModel;
