namespace AccountingIntegration.Features.OperatorConsole.Pages.Client;

/// <summary><c>/connect/{token}</c>: what a client sees first when opening a connect link.</summary>
public sealed class ConnectModel : ConnectStartModel;
