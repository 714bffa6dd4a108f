using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/GeneralLedger (Intuit's GeneralLedger reference, "the General Ledger Detail report"; node-quickbooks'
/// reportGeneralLedgerDetail fetches the same path): every posting of the period, account by account. A section per
/// account with postings in the period or a balance at its start: its Header names the account (with its id), a first
/// Data row "Beginning Balance" carries that balance under Balance, then a Data row per posting by date (and by when
/// its document was entered), and a Summary "Total for {account}" with the period's amounts (its Balance cell empty),
/// as live answers show it; the columns are those of a live ProfitAndLossDetail answer (the same eight by default,
/// titled alike, each ColType Date, String or Money with its ColKey). Amounts are in the account's natural sign (debits
/// positive on asset and expense accounts, credits on the others, so a discount is negative income, as in the
/// reference's example) and home currency; Balance runs from the beginning balance. An income or expense account's
/// beginning balance is its activity since the fiscal year began (the sandbox's is the calendar year); the
/// RetainedEarnings account's adds the income and expense of the years before. No GrandTotal row: the reference and
/// live answers end with the last account. Call under the gate.
/// </summary>
internal static class GeneralLedgerReport
{
    public const string Name = "GeneralLedger";

    private const string Amount = "subt_nat_amount";
    private const string Balance = "rbal_nat_amount";

    /// <summary>The reference's starred columns, in the order of a live answer (its is_adj column is left out: nothing here is an adjusting entry).</summary>
    private static readonly string[] DefaultColumns = ["tx_date", "txn_type", "doc_num", "name", "memo", "split_acc", Amount, Balance];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["tx_date"] = "Date",
        ["txn_type"] = "Transaction Type",
        ["doc_num"] = "Num",
        ["name"] = "Name",
        ["memo"] = "Memo/Description",
        ["split_acc"] = "Split",
        ["account_name"] = "Account",
        ["debt_amt"] = "Debit",
        ["credit_amt"] = "Credit",
        [Amount] = "Amount",
        [Balance] = "Balance",
    };

    /// <summary>The parameters of this report beyond <see cref="ReportRequest"/>'s, read before the company's gate is taken.</summary>
    public sealed record Options(string[] Columns, string[]? AccountIds, string[]? AccountTypes)
    {
        public static Options Read(IQueryCollection query)
        {
            if (ReportRequest.Value(query, "source_account") is not null)
            {
                throw QboException.UnsupportedOperation("source_account= is not emulated by the local sandbox");
            }

            if (ReportRequest.Value(query, "sort_by") is { } sortBy && sortBy != "tx_date")
            {
                throw QboException.UnsupportedOperation($"sort_by={sortBy} is not emulated by the local sandbox (only tx_date)");
            }

            if (ReportRequest.Value(query, "sort_order") is { } order && !order.Equals("ascend", StringComparison.OrdinalIgnoreCase))
            {
                throw QboException.UnsupportedOperation($"sort_order={order} is not emulated by the local sandbox (only ascend)");
            }

            var types = List(query, "source_account_type") ?? List(query, "account_type");
            return new Options(ReportRequest.Columns(query, Titles, DefaultColumns), List(query, "account"), types?.Select(Letters).ToArray());
        }

        private static string[]? List(IQueryCollection query, string name) =>
            ReportRequest.Value(query, name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public static JsonObject Build(Company company, ReportRequest request, Options options, DateOnly today, DateTimeOffset now)
    {
        var entries = GeneralLedger.Entries(company);
        var (start, end) = request.Period(entries, today);
        var yearStart = new DateOnly(start.Year, 1, 1);
        var accounts = AccountBalances.Accounts(company);
        var before = AccountBalances.Net(entries, to: start.AddDays(-1));
        var beforeYear = AccountBalances.Net(entries, to: yearStart.AddDays(-1));
        var earlierYears = accounts.Where(AccountBalances.IsProfitAndLoss).Sum(a => beforeYear.GetValueOrDefault(Documents.Id(a)));
        var retained = RetainedEarnings.AccountOf(accounts);
        var inPeriod = entries.Where(e => e.TxnDate >= start && e.TxnDate <= end).ToList();
        var names = accounts.ToDictionary(Documents.Id, AccountOrder.DisplayName, StringComparer.Ordinal);
        var documents = inPeriod.ToDictionary(e => e, e => Document(company, e));
        // Each account's postings by date and, within a day, in the order their documents were entered (a payment before
        // the refund paid out of it).
        var byAccount = inPeriod.SelectMany(e => e.Postings.Select(p => (Entry: e, Posting: p)))
            .OrderBy(x => x.Entry.TxnDate).ThenBy(x => CreatedAt(documents[x.Entry]))
            .ToLookup(x => x.Posting.AccountId, StringComparer.Ordinal);

        var rows = new JsonArray();
        foreach (var account in AccountOrder.Sort(accounts).Where(a => Selected(a, options)))
        {
            var id = Documents.Id(account);
            var sign = AccountBalances.IsDebitNormal(account) ? 1m : -1m;
            // An income or expense account opens with this fiscal year's activity before the period.
            var opening = before.GetValueOrDefault(id) - (AccountBalances.IsProfitAndLoss(account) ? beforeYear.GetValueOrDefault(id) : 0m);
            if (account == retained)
            {
                opening += earlierYears;
            }

            var postings = byAccount[id].ToList();
            if (postings.Count == 0 && opening == 0m)
            {
                continue;
            }

            var name = names[id];
            var data = new JsonArray(new JsonObject
            {
                ["ColData"] = new JsonArray([.. Cells(options.Columns, column => column == Balance ? ReportJson.Money(sign * opening) : "", "Beginning Balance")]),
                ["type"] = "Data",
            });
            var running = sign * opening;
            foreach (var (entry, posting) in postings)
            {
                running += sign * posting.Amount;
                data.Add(Row(company, options.Columns, entry, documents[entry], posting, sign, running, names));
            }

            var debits = postings.Sum(x => Math.Max(x.Posting.Amount, 0m));
            var credits = postings.Sum(x => Math.Max(-x.Posting.Amount, 0m));
            var summary = Cells(options.Columns, column => column switch
            {
                Amount => ReportJson.Money(sign * postings.Sum(x => x.Posting.Amount)),
                "debt_amt" => ReportJson.Money(debits),
                "credit_amt" => ReportJson.Money(credits),
                _ => "",
            }, "Total for " + name);
            var header = new JsonArray([ReportJson.Cell(name, id), .. options.Columns.Skip(1).Select(_ => (JsonNode)ReportJson.Cell(""))]);
            rows.Add(ReportJson.DetailSection(header, data, summary));
        }

        var noData = rows.Count == 0;
        return new JsonObject
        {
            ["Header"] = ReportJson.Header(Name, request, start, end, company.Settings.HomeCurrency!, noData, now),
            ["Columns"] = new JsonObject { ["Column"] = new JsonArray([.. options.Columns.Select(c => (JsonNode)ReportJson.KeyedColumn(Kind(c), Titles[c], c))]) },
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }

    /// <summary>A column's ColType as live detail reports give it (Intuit's sample company's ProfitAndLossDetail): Date, Money or String.</summary>
    private static string Kind(string column) => column switch
    {
        "tx_date" => "Date",
        "debt_amt" or "credit_amt" or Amount or Balance => "Money",
        _ => "String",
    };

    /// <summary>Whether the account passes the <c>account</c> (ids) and <c>source_account_type</c> (QBO's type names without spaces) filters.</summary>
    private static bool Selected(JsonObject account, Options options) =>
        (options.AccountIds is null || options.AccountIds.Contains(Documents.Id(account)))
        && (options.AccountTypes is null || options.AccountTypes.Contains(Letters(account["AccountType"]?.GetValue<string>() ?? ""), StringComparer.OrdinalIgnoreCase));

    /// <summary>A type name without spaces or hyphens: "Other Current Asset" and the parameter's OtherCurrentAsset compare equal.</summary>
    private static string Letters(string text) => new([.. text.Where(char.IsLetter)]);

    /// <summary>
    /// One posting: the document's date, type (with its id), number, customer (with its id) and memo (the line's
    /// description, else the document's private note); its split, the other account of a two-sided entry or "-Split-"
    /// for the document's anchor (A/R, the deposit account) of a many-sided one, the anchor for every other posting; its
    /// amount in the account's natural sign, its debit or credit, and the running balance.
    /// </summary>
    private static JsonObject Row(Company company, string[] columns, LedgerEntry entry, JsonObject? document, Posting posting, decimal sign, decimal running,
        Dictionary<string, string> names)
    {
        var customer = Documents.RefValue(document, "CustomerRef");
        var cells = new JsonArray();
        foreach (var column in columns)
        {
            cells.Add(column switch
            {
                "tx_date" => ReportJson.Cell(PacificTime.FormatDate(entry.TxnDate)),
                "txn_type" => ReportJson.Cell(ReportJson.TypeName(entry.TxnType), entry.TxnId),
                "doc_num" => ReportJson.Cell(Documents.Text(document, "DocNumber") ?? Documents.Text(document, "PaymentRefNum") ?? ""),
                "name" => ReportJson.Cell(customer is null ? "" : ReceivablesRows.CustomerName(company, customer), customer ?? ""),
                "memo" => ReportJson.Cell(posting.Memo ?? Documents.Text(document, "PrivateNote") ?? ""),
                "split_acc" => Split(entry, posting, names),
                "account_name" => ReportJson.Cell(names[posting.AccountId], posting.AccountId),
                "debt_amt" => ReportJson.Cell(ReportJson.Money(posting.Amount > 0m ? posting.Amount : null)),
                "credit_amt" => ReportJson.Cell(ReportJson.Money(posting.Amount < 0m ? -posting.Amount : null)),
                Amount => ReportJson.Cell(ReportJson.Money(sign * posting.Amount)),
                _ => ReportJson.Cell(ReportJson.Money(running)),
            });
        }

        return new JsonObject { ["ColData"] = cells, ["type"] = "Data" };
    }

    private static JsonObject? Document(Company company, LedgerEntry entry) =>
        company.HasTable(entry.TxnType) ? company.Table(entry.TxnType).Find(entry.TxnId) : null;

    private static DateTimeOffset CreatedAt(JsonObject? document) =>
        DateTimeOffset.TryParse(document?["MetaData"]?["CreateTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : DateTimeOffset.MaxValue;

    private static JsonObject Split(LedgerEntry entry, Posting posting, Dictionary<string, string> names)
    {
        var anchor = entry.Postings[0];
        if (!ReferenceEquals(posting, anchor))
        {
            return ReportJson.Cell(names[anchor.AccountId], anchor.AccountId);
        }

        var others = entry.Postings.Skip(1).Select(p => p.AccountId).Where(a => a != anchor.AccountId).Distinct().ToList();
        // Several: "-Split-" with an empty id, as live detail reports write it.
        return others.Count == 1 ? ReportJson.Cell(names[others[0]], others[0]) : ReportJson.Cell("-Split-", "");
    }

    /// <summary>A row that is not a posting (the beginning balance, the total): its title first, then each column's value.</summary>
    private static IEnumerable<JsonObject> Cells(string[] columns, Func<string, string> value, string title) =>
        columns.Select((column, i) => ReportJson.Cell(i == 0 ? title : value(column)));
}
