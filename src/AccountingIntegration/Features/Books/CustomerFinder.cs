using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The QBO customer for a buyer, as a bookkeeper would name it: the company, else the person, the e-mail
/// only as the last resort, then the vendor's own customer id; a buyer with no identity at all is the
/// organization's fallback customer. Found by e-mail first, then by name, in the sale's currency (a QBO
/// customer has one currency, so a foreign-currency twin is "Name (EUR)", the rule mapped documents follow too:
/// <see cref="CustomerCurrency"/>). A person's name does not find a customer with another e-mail: two buyers of one
/// name are two people, whose balances must not mix; they get "Name (e-mail)".
/// A company's name finds it whatever the e-mail, since its staff buy under their own. A name QBO refuses because a
/// vendor, employee or other customer holds it (6240) is made unique predictably: "Name (e-mail)", then
/// "Name (2)", "Name (3)"…. Customers are looked for in the company's directory first (<see cref="ReferenceDirectory"/>,
/// read in bulk): when it holds every customer, a buyer it lacks is created without a query.
/// </summary>
internal sealed class CustomerFinder(QboClient qbo, KeyedLock locks, IMemoryCache cache, ReferenceDirectory directory)
{
    private const int MaxNameAttempts = 5;

    public async Task<string> FindOrCreateAsync(QboCredentials credentials, CustomerRequest request, CancellationToken cancellationToken)
    {
        var identity = Identity.Of(request);
        var key = $"qbo-customer:{credentials.RealmId}:{identity.Currency.Currency}:{(identity.Email ?? identity.Name).ToLowerInvariant()}";
        if (cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return cached;
        }

        using (await locks.AcquireAsync(key, cancellationToken))
        {
            var customers = await directory.GetAsync(credentials, ReferenceNames.Customer, cancellationToken);
            var id = FindKnown(customers, identity);
            if (id is null && !(customers.Complete && request.MayCreate))
            {
                // The directory holds part of the company, or a refusal follows: only QBO's own answer will do.
                id = await FindAsync(credentials, identity, cancellationToken);
            }

            id ??= await CreateAsync(credentials, identity, request.MayCreate, customers, cancellationToken);
            cache.Set(key, id, TimeSpan.FromMinutes(10));
            return id;
        }
    }

    /// <summary>The customer the directory knows for the buyer: by e-mail, then by each candidate name, in the sale's currency.</summary>
    private static string? FindKnown(DirectoryIndex customers, Identity identity)
    {
        if (identity.Email is { } email && FirstInCurrency(customers.ByEmail(email), identity) is { } byEmail)
        {
            return byEmail;
        }

        return identity.CandidateNames()
            .Select(name => FirstInCurrency([.. customers.ByName(name).Where(c => identity.MayBe(c.Email))], identity))
            .FirstOrDefault(id => id is not null);
    }

    private async Task<string?> FindAsync(QboCredentials credentials, Identity identity, CancellationToken cancellationToken)
    {
        if (identity.Email is { } email)
        {
            var byEmail = await QueryAsync(credentials, $"PrimaryEmailAddr = {QboQuery.Literal(email)}", cancellationToken);
            if (FirstInCurrency(byEmail, identity) is { } id)
            {
                return id;
            }
        }

        foreach (var name in identity.CandidateNames())
        {
            var byName = await QueryAsync(credentials, $"DisplayName = {QboQuery.Literal(name)}", cancellationToken);
            if (FirstInCurrency([.. byName.Where(c => identity.MayBe(DirectoryIndex.EmailOf(c)))], identity) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private async Task<string> CreateAsync(QboCredentials credentials, Identity identity, bool mayCreate, DirectoryIndex customers, CancellationToken cancellationToken)
    {
        if (!mayCreate)
        {
            throw new ReferenceNotFoundException("Customer", identity.Email ?? identity.Name, "CustomerRef.value");
        }

        var askedQbo = !customers.Complete;
        foreach (var name in identity.CandidateNames().Take(MaxNameAttempts))
        {
            try
            {
                var created = await qbo.CreateAsync(credentials, "Customer", identity.Payload(name), RequestId(credentials.RealmId, name, identity), cancellationToken);
                customers.Put(created);
                return (string?)created["Id"] ?? throw new QboApiException(new QboFault(QboErrorKind.Server, 200, "QBO created a customer without an Id."));
            }
            catch (QboApiException e) when (e.Code == "6240")
            {
                // The name is taken by someone else (a vendor, an employee, a customer with another e-mail or currency): try the
                // next. When only the directory said the buyer is new, the customer may have been added since it last looked.
                if (!askedQbo)
                {
                    askedQbo = true;
                    if (await FindAsync(credentials, identity, cancellationToken) is { } added)
                    {
                        return added;
                    }
                }
            }
        }

        throw new QboApiException(new QboFault(QboErrorKind.Validation, 400, $"No free customer name for '{identity.Name}' after {MaxNameAttempts} attempts.")
        {
            Code = "6240",
        });
    }

    private async Task<IReadOnlyList<JsonObject>> QueryAsync(QboCredentials credentials, string condition, CancellationToken cancellationToken) =>
        (await qbo.QueryAsync(credentials, "Customer", QboQuery.Select("Customer", condition + " AND Active = true", 1, 25), cancellationToken)).Items;

    private static string? FirstInCurrency(IReadOnlyList<DirectoryEntry> customers, Identity identity) =>
        customers.FirstOrDefault(c => identity.Currency.Holds(c.Currency))?.Id;

    private static string? FirstInCurrency(IReadOnlyList<JsonObject> customers, Identity identity) =>
        customers
            .Where(c => identity.Currency.Holds((string?)c["CurrencyRef"]?["value"]))
            .Select(c => (string?)c["Id"])
            .Where(id => id is not null)
            .OrderBy(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue)
            .FirstOrDefault();

    /// <summary>
    /// Stable per realm, name, currency and e-mail, so a create retried after a lost answer is answered with the first; a
    /// namesake with another e-mail asks afresh (and hears the name is taken) rather than being answered with the first's customer.
    /// </summary>
    private static string RequestId(string realmId, string name, Identity identity) =>
        "cus-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{realmId}\n{identity.Currency.Currency}\n{name.ToLowerInvariant()}\n{identity.Email?.ToLowerInvariant()}")))[..40];

    /// <summary>Who the customer is: the name to show, the e-mail to match, the currency it must have.</summary>
    private sealed record Identity(string Name, string? Email, CustomerCurrency Currency, Party Party)
    {
        public static Identity Of(CustomerRequest request)
        {
            var party = request.Party;
            var email = party.Email is { } address && ReferenceNames.IsEmail(address.Trim()) ? address.Trim() : null;
            var name = party.IsAnonymous
                ? request.FallbackName
                : Clean(party.Company) ?? Clean(party.Name) ?? email ?? $"{request.VendorLabel} customer {party.ExternalId}";
            return new Identity(ReferenceNames.QboName(name), party.IsAnonymous ? null : email, new CustomerCurrency(request.Currency, request.HomeCurrency), party);
        }

        /// <summary>
        /// Whether a customer of the buyer's name, with <paramref name="email"/>, may be the buyer: always for a company or
        /// a buyer without e-mail, else when the customer has no e-mail (entered by hand) or the same one.
        /// </summary>
        public bool MayBe(string? email) =>
            Email is null || email is null || Clean(Party.Company) is not null || email.Equals(Email, StringComparison.OrdinalIgnoreCase);

        /// <summary>The name, then its unique variants, each named for its currency (<see cref="CustomerCurrency.DisplayName"/>).</summary>
        public IEnumerable<string> CandidateNames()
        {
            yield return Currency.DisplayName(Name);
            if (Email is not null && !Name.Equals(Email, StringComparison.OrdinalIgnoreCase))
            {
                yield return Currency.DisplayName(Name, Email);
            }

            for (var n = 2; n <= MaxNameAttempts; n++)
            {
                yield return Currency.DisplayName(Name, n.ToString(CultureInfo.InvariantCulture));
            }
        }

        public JsonObject Payload(string displayName)
        {
            var customer = new JsonObject { ["DisplayName"] = displayName };
            if (Email is not null)
            {
                customer["PrimaryEmailAddr"] = new JsonObject { ["Address"] = Email };
            }

            if (Clean(Party.Company) is { } company)
            {
                customer["CompanyName"] = Cap(company, 100);
            }

            if (Clean(Party.Name) is { } person)
            {
                var space = person.LastIndexOf(' ');
                customer["GivenName"] = Cap(space > 0 ? person[..space] : person, 100);
                if (space > 0)
                {
                    customer["FamilyName"] = Cap(person[(space + 1)..], 100);
                }
            }

            if (Party.Phone is { Length: > 0 } phone)
            {
                customer["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = Cap(phone, 30) };
            }

            if (Currency.IsForeign)
            {
                customer["CurrencyRef"] = new JsonObject { ["value"] = Currency.Currency };
            }

            return customer;
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        // The lengths QBO takes for these fields (REFERENCE §4.1); the DisplayName keeps to its own (ReferenceNames.CustomerDisplayName).
        private static string Cap(string text, int length) => text.Length > length ? text[..length] : text;
    }
}

/// <summary>Who to find or create, in which currency, and what to call a buyer the vendor did not name.</summary>
internal sealed record CustomerRequest(Party Party, string Currency, string HomeCurrency, string FallbackName, string VendorLabel, bool MayCreate);
