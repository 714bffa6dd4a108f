using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// The organization filter of a list page (payloads, audit log, alerts). Up to <see cref="MaxListed"/> organizations it is a
/// drop-down; beyond that a field that takes a slug or id, suggesting the first ones, so a deployment with many clients
/// can still filter by any of them. The chosen organization is always known, listed or not.
/// </summary>
internal sealed record OrganizationChoices(IReadOnlyList<Organization> Listed, long Total, Organization? Selected, string? Typed)
{
    public const int MaxListed = 200;

    /// <summary>Whether every organization fits in the drop-down.</summary>
    public bool AsList => Total <= MaxListed;

    /// <summary>The organization id to filter by: the one chosen, or what was typed when it names none (matching nothing).</summary>
    public string? FilterId => Selected?.OrganizationId ?? Typed;

    public static async Task<OrganizationChoices> LoadAsync(OrganizationStore organizations, string? chosen, CancellationToken cancellationToken)
    {
        var listed = await organizations.ListAsync(new PageRequest(1, MaxListed), null, null, cancellationToken);
        var typed = string.IsNullOrWhiteSpace(chosen) ? null : chosen.Trim();
        var selected = typed is null
            ? null
            : listed.Items.FirstOrDefault(o => o.OrganizationId == typed || o.Slug == typed)
              ?? await organizations.GetByIdAsync(typed, cancellationToken)
              ?? await organizations.GetBySlugAsync(typed, cancellationToken);
        return new OrganizationChoices(listed.Items, listed.Total, selected, typed);
    }

    /// <summary>An organization's name for a row, when it is one of those loaded; else null (the row shows its id).</summary>
    public string? NameOf(string organizationId) =>
        Selected?.OrganizationId == organizationId ? Selected.Name : Listed.FirstOrDefault(o => o.OrganizationId == organizationId)?.Name;
}
