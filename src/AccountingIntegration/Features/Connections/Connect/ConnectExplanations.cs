using AccountingIntegration.Features.Connections.OAuth;

namespace AccountingIntegration.Features.Connections.Connect;

/// <summary>
/// How a connection attempt ended, in words for the person who clicked the link: every code of
/// <see cref="OAuthErrorCodes"/> with what happened and what to do. The one place these words live:
/// the client's result page shows them and the operator console reuses them.
/// </summary>
internal static class ConnectExplanations
{
    private const string StartAgain = "Open the connect link you were sent again and go through the steps once more, in one browser.";
    private const string AskForNewLink = "Ask the person who sent you the link for a new one; each link works once and for a limited time.";
    private const string TryLater = "Wait a few minutes and open the connect link again. If it keeps failing, tell the person who sent you the link.";

    private static readonly Dictionary<string, Explanation> ByCode = new(StringComparer.Ordinal)
    {
        [OAuthErrorCodes.AccessDenied] = new(
            "You declined the connection",
            "On the QuickBooks page the access was declined, so nothing was connected and no data was shared.",
            "If that was a mistake, open the connect link again and choose Connect (or Approve) on the QuickBooks page."),
        [OAuthErrorCodes.InvalidState] = new(
            "The connection could not be verified",
            "The answer that came back from QuickBooks did not carry this service's signed reference, or it was changed on the way. Nothing was connected.",
            StartAgain),
        [OAuthErrorCodes.StateExpired] = new(
            "The connection took too long",
            "Each attempt must be finished within 10 minutes of leaving this service for QuickBooks, and this one took longer. Nothing was connected.",
            StartAgain),
        [OAuthErrorCodes.StateReplayed] = new(
            "This attempt was already finished",
            "The answer from QuickBooks was used once already (for example after pressing Back or reloading the page). Nothing new was connected.",
            "If the company is not connected yet, open the connect link again. If it was connected the first time, there is nothing more to do."),
        [OAuthErrorCodes.StateNotBound] = new(
            "The connection was finished in a different browser",
            "The connection was started in one browser and finished in another (or cookies were cleared in between). For your safety it was not accepted.",
            "Open the connect link again and complete every step in the same browser window."),
        [OAuthErrorCodes.ConnectTokenInvalid] = new(
            "This connect link cannot be used",
            "The link is not known, was already used, has expired or was withdrawn.",
            AskForNewLink),
        [OAuthErrorCodes.ConnectTokenUsed] = new(
            "This connect link was already used",
            "Someone finished a connection with this link a moment ago; each link connects one company once.",
            AskForNewLink),
        [OAuthErrorCodes.ConnectLinkSpent] = new(
            "The connection failed, and this link cannot be used again",
            "Nothing was connected, and this service could not make the connect link usable again after the failure.",
            AskForNewLink),
        [OAuthErrorCodes.ExchangeFailed] = new(
            "QuickBooks did not confirm the access",
            "You approved the access, but QuickBooks refused to hand over the authorization when this service asked for it. Nothing was connected.",
            TryLater),
        [OAuthErrorCodes.CompanyInfoFailed] = new(
            "The QuickBooks company could not be read",
            "QuickBooks gave access but then refused to show the company's details, so the connection was not stored.",
            TryLater),
        [OAuthErrorCodes.ConnectionNotSaved] = new(
            "The connection could not be stored",
            "QuickBooks gave access, but this service could not store the connection, so nothing was connected.",
            TryLater),
        [OAuthErrorCodes.CompanyAlreadyConnected] = new(
            "This QuickBooks company is already connected elsewhere",
            "The company you chose is already connected to another organization on this service, and this service does not let two organizations book into one company. Nothing was connected.",
            "Choose a different QuickBooks company, or ask the person who sent you the link to disconnect the other organization first."),
        [OAuthErrorCodes.OrganizationInactive] = new(
            "The organization is not active",
            "The organization this link belongs to has been deactivated, so no company can be connected to it.",
            "Contact the person who sent you the link."),
        [OAuthErrorCodes.MissingCode] = new(
            "QuickBooks came back without an authorization",
            "The answer from QuickBooks did not include the authorization or the company it was given for. Nothing was connected.",
            StartAgain),
        [OAuthErrorCodes.AuthorizationFailed] = new(
            "QuickBooks reported a problem",
            "QuickBooks stopped the authorization with an error of its own. Nothing was connected.",
            TryLater),
    };

    private static readonly Explanation Unknown = new(
        "The connection did not complete",
        "The connection ended without saying why. Nothing was connected.",
        TryLater);

    /// <summary>Every code with an explanation (each one of <see cref="OAuthErrorCodes"/>).</summary>
    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    /// <summary>The words for <paramref name="code"/>; a code this service never sends gets a general explanation.</summary>
    public static Explanation For(string? code) => code is not null && ByCode.TryGetValue(code, out var explanation) ? explanation : Unknown;

    /// <summary>Whether <paramref name="code"/> has its own explanation.</summary>
    public static bool Knows(string? code) => code is not null && ByCode.ContainsKey(code);

    internal sealed record Explanation(string Title, string WhatHappened, string WhatToDo);
}
