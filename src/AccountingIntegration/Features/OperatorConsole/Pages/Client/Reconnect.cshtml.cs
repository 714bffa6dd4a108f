namespace AccountingIntegration.Features.OperatorConsole.Pages.Client;

/// <summary><c>/reconnect/{token}</c>: the link of a reconnect alert, with words for a connection that broke.</summary>
public sealed class ReconnectModel : ConnectStartModel;
