using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>One document to create in QBO, as the booking executor hands it over.</summary>
/// <param name="OrganizationId">The organization whose company it goes to.</param>
/// <param name="Credentials">The company and its access token.</param>
/// <param name="PayloadId">The payload that books it.</param>
/// <param name="EntityType">The QBO entity (Invoice, SalesReceipt, Payment, …).</param>
/// <param name="Body">The entity, already stamped with <see cref="DocumentFingerprint"/>.</param>
/// <param name="Fingerprint">The document's fingerprint (<see cref="DocumentFingerprint"/>).</param>
/// <param name="RequestId">Its requestid when it goes out alone; a batch has one of its own.</param>
/// <param name="NotBefore">No attempt at it was sent before this time (the payload's arrival).</param>
internal sealed record DocumentCreate(
    string OrganizationId,
    QboCredentials Credentials,
    string PayloadId,
    string EntityType,
    JsonObject Body,
    string Fingerprint,
    string RequestId,
    DateTime NotBefore)
{
    /// <summary>Its CustomerRef, when it has one: it narrows a fingerprint look-up.</summary>
    public string? CustomerId => (string?)Body["CustomerRef"]?["value"];
}

/// <summary>QBO's document for a create, and whether it was found (by fingerprint or an earlier batch's answer) rather than created now.</summary>
internal sealed record CreatedDocument(JsonObject Document, bool Adopted);
