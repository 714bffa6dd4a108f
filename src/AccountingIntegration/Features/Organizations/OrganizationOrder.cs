namespace AccountingIntegration.Features.Organizations;

/// <summary>The order of an organization list.</summary>
internal enum OrganizationOrder
{
    /// <summary>Oldest first: the API's list, whose pages stay put while organizations are added.</summary>
    Oldest,

    /// <summary>By name, A to Z regardless of case: what a person scanning for a client expects.</summary>
    Name,

    /// <summary>Newest first: the client just created is on top.</summary>
    Newest,
}
