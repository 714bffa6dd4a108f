namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// What a signature may cover: the exact bytes of the body, the headers, and the URL the sender posted to.
/// <paramref name="Urls"/> holds that URL as the sender may have registered it, most likely first (the service's
/// public address, then the address the request reached this process at): Square signs the URL as registered, and
/// behind a proxy the two differ.
/// </summary>
/// <param name="Body">The raw body, never re-serialised.</param>
/// <param name="Headers">The request's headers.</param>
/// <param name="Urls">The absolute URLs the delivery may have been addressed to, without duplicates.</param>
/// <param name="ReceivedAt">When it arrived, from the caller's clock.</param>
internal sealed record SignedDelivery(ReadOnlyMemory<byte> Body, IHeaderDictionary Headers, IReadOnlyList<string> Urls, DateTimeOffset ReceivedAt);
