// A deliberately broken miniature of the service's layout, so ArchitectureTests can show that the
// rules catch each kind of break: Infrastructure reaching into a feature, and two features that
// use each other. Nothing outside these tests uses these types.
namespace AccountingIntegration.Tests.Architecture.BrokenFixture.Infrastructure.Clock
{
    internal sealed class ClockThatKnowsBilling
    {
        public Features.Billing.Invoice? LastInvoice { get; set; }
    }
}

namespace AccountingIntegration.Tests.Architecture.BrokenFixture.Features.Billing
{
    internal sealed class Invoice
    {
        public Shipping.Parcel? Parcel { get; set; }
    }
}

namespace AccountingIntegration.Tests.Architecture.BrokenFixture.Features.Shipping
{
    internal sealed class Parcel
    {
        public Billing.Invoice? PaidBy { get; set; }
    }
}

namespace AccountingIntegration.Tests.Architecture.BrokenFixture.Features.Catalog
{
    internal sealed class Product
    {
        public Billing.Invoice? LastSold { get; set; }
    }
}
