using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// The Preferences entity built from a company's settings, in the shape of Intuit's Preferences sample
/// (AccountingInfoPrefs, SalesFormsPrefs.CustomTxnNumbers, TaxPrefs.UsingSalesTax and TaxGroupCodeRef,
/// CurrencyPrefs.HomeCurrency and MultiCurrencyEnabled). TaxPrefs.PartnerTaxEnabled tells automated
/// sales tax (Intuit, "Manage sales tax for US locales").
/// </summary>
internal static class PreferencesRow
{
    public static JsonObject Build(Company company, JsonObject? existing, DateTimeOffset now)
    {
        var s = company.Settings;
        var row = existing is null ? EntityRow.Start("1", now) : EntityRow.NextVersion(existing, now);
        row["AccountingInfoPrefs"] = new JsonObject
        {
            ["FirstMonthOfFiscalYear"] = "January",
            ["UseAccountNumbers"] = false,
            ["TaxYearMonth"] = "January",
            ["ClassTrackingPerTxn"] = false,
            ["ClassTrackingPerTxnLine"] = s.ClassTracking,
            ["TrackDepartments"] = s.LocationTracking,
            ["DepartmentTerminology"] = "Location",
            ["CustomerTerminology"] = "Customers",
        };
        row["ProductAndServicesPrefs"] = new JsonObject
        {
            ["ForSales"] = true,
            ["ForPurchase"] = true,
            ["QuantityWithPriceAndRate"] = true,
            ["QuantityOnHand"] = true,
        };
        row["SalesFormsPrefs"] = new JsonObject
        {
            ["CustomTxnNumbers"] = s.CustomTxnNumbers,
            ["AllowDeposit"] = true,
            ["AllowDiscount"] = true,
            ["AllowEstimates"] = true,
            ["AllowShipping"] = false,
            ["AllowServiceDate"] = false,
            ["AutoApplyCredit"] = true,
            ["AutoApplyPayments"] = true,
            ["ETransactionEnabledStatus"] = "NotApplicable",
            ["ETransactionPaymentEnabled"] = false,
            ["IPNSupportEnabled"] = false,
        };
        row["VendorAndPurchasesPrefs"] = new JsonObject { ["BillableExpenseTracking"] = false, ["TrackingByCustomer"] = false };
        row["TaxPrefs"] = TaxPrefs(company);
        row["CurrencyPrefs"] = new JsonObject
        {
            ["HomeCurrency"] = new JsonObject { ["value"] = s.HomeCurrency },
            ["MultiCurrencyEnabled"] = s.MultiCurrencyEnabled,
        };
        row["ReportPrefs"] = new JsonObject { ["ReportBasis"] = "Accrual", ["CalcAgingReportFromTxnDate"] = false };
        row["OtherPrefs"] = new JsonObject
        {
            ["NameValue"] = new JsonArray(
                new JsonObject { ["Name"] = "SalesFormsPrefs.DefaultCustomerMessage", ["Value"] = "Thank you for your business and have a great day!" },
                new JsonObject { ["Name"] = "DTXCopyMemo", ["Value"] = "false" }),
        };
        return row;
    }

    private static JsonObject TaxPrefs(Company company)
    {
        var prefs = new JsonObject { ["UsingSalesTax"] = company.Settings.SalesTaxEnabled };
        if (company.Region.IsUs)
        {
            prefs["PartnerTaxEnabled"] = company.Settings.AutomatedSalesTax;
            if (company.Settings.SalesTaxEnabled == true && TaxEntities.CodeId(company, "California") is { } code)
            {
                prefs["TaxGroupCodeRef"] = JsonRead.Ref(code);
            }
        }

        return prefs;
    }
}
