namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>The console's landing page.</summary>
public sealed class IndexModel : ConsolePageModel;
