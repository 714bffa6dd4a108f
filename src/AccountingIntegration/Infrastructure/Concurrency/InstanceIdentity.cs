using System.Security.Cryptography;

namespace AccountingIntegration.Infrastructure.Concurrency;

/// <summary>
/// Names this process among the instances that share the database: every lease it takes (queue
/// claims, token refreshes) carries <see cref="LeaseOwner"/>, so it can release exactly its own.
/// </summary>
internal sealed class InstanceIdentity(string hostName)
{
    /// <summary>
    /// How much of the host name the owner keeps. A Linux host name runs to 64 characters (a Kubernetes pod's to 63); the
    /// owner, with a claim's number, must fit the 100 characters the lease columns hold, or MariaDB refuses every claim.
    /// </summary>
    public const int HostChars = 40;

    private long _claims;

    public InstanceIdentity()
        : this(Environment.MachineName)
    {
    }

    /// <summary>
    /// The host (or its first <see cref="HostChars"/> characters), the process, and 64 random bits that tell apart two
    /// containers whose host name and process id are the same.
    /// </summary>
    public string LeaseOwner { get; } =
        $"{(hostName.Length > HostChars ? hostName[..HostChars] : hostName)}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>
    /// The owner of one queue claim: this instance's, and the claim's number. Two workers of this process that hold one
    /// payload in turn (the first's lease ran out under a slow attempt) are then told apart by the lease guard on the
    /// outcome, as workers of two instances are: only the later claim writes its outcome.
    /// </summary>
    public string NewClaimOwner() => $"{LeaseOwner}:{Interlocked.Increment(ref _claims)}";
}
