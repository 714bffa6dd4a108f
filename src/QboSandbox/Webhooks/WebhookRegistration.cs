using QboSandbox.State;

namespace QboSandbox.Webhooks;

/// <summary>A validated, immutable copy of a <see cref="SandboxWebhook"/> (the public class stays editable by its owner).</summary>
internal sealed record WebhookRegistration(int Id, Uri Url, string VerifierToken, WebhookFormat Format, string ClientId, IReadOnlySet<string> Entities)
{
    /// <summary>What is wrong with a webhook, or null: an absolute http(s) URL, a client id, entities QBO notifies.</summary>
    public static string? Problem(SandboxWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "url must be an absolute http or https URL.";
        }

        if (string.IsNullOrWhiteSpace(webhook.ClientId))
        {
            return "clientId is required.";
        }

        var unknown = (webhook.Entities ?? []).FirstOrDefault(name => EntityNames.Canonical(name) is not { } entity || !WebhookEntities.IsNotified(entity));
        return unknown is null ? null : $"QBO sends no webhooks for entity '{unknown}'.";
    }

    public static WebhookRegistration From(int id, SandboxWebhook webhook)
    {
        if (Problem(webhook) is { } problem)
        {
            throw new ArgumentException(problem, nameof(webhook));
        }

        var entities = new HashSet<string>((webhook.Entities ?? []).Select(name => EntityNames.Canonical(name)!), StringComparer.Ordinal);
        var token = string.IsNullOrEmpty(webhook.VerifierToken) ? WebhookSignature.NewVerifierToken() : webhook.VerifierToken;
        return new WebhookRegistration(id, new Uri(webhook.Url), token, webhook.Format, webhook.ClientId, entities);
    }

    public bool Wants(string entity) => Entities.Count == 0 || Entities.Contains(entity);
}
