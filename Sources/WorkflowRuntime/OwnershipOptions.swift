import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How an executor owns the instances it runs (docs/ownership.md): each instance is leased in the store, the
/// lease renewed by a heartbeat, and an instance whose resumptions keep dying is quarantined.
public struct OwnershipOptions: Sendable {
    /// How long a claim lasts without renewal: another process may take an instance over once its owner has
    /// been silent this long.
    public var leaseDuration: Duration
    /// How often the executor renews the leases it holds (well under ``leaseDuration``).
    public var heartbeat: Duration
    /// How many takeovers of an instance from a dead owner (resumptions that did not complete) are allowed;
    /// the next resume quarantines it instead (`INSTANCE_ERROR`, code `QUARANTINED`).
    public var maxResumeAttempts: Int
    /// The clock the heartbeat sleeps on (real time, also in dry runs).
    public var clock: any Clock<Duration>
    /// The wall-clock time lease expiries are computed and compared with.
    public var now: @Sendable () -> Date
    /// Who this executor is in the store's lease rows.
    public var owner: String

    /// - Parameters:
    ///   - leaseDuration: 15 s unless given.
    ///   - heartbeat: 5 s unless given.
    ///   - maxResumeAttempts: 3 unless given.
    public init(
        leaseDuration: Duration = .seconds(15), heartbeat: Duration = .seconds(5), maxResumeAttempts: Int = 3,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        owner: String = OwnershipOptions.processOwner()
    ) {
        self.leaseDuration = leaseDuration
        self.heartbeat = heartbeat
        self.maxResumeAttempts = maxResumeAttempts
        self.clock = clock
        self.now = now
        self.owner = owner
    }

    /// A new owner id naming this process: `host:pid:random`.
    public static func processOwner() -> String {
        let random = UUID().uuidString.prefix(8).lowercased()
        return "\(hostName):\(getpid()):\(random)"
    }

    /// Whether `owner` names a process of this machine that no longer exists (``processOwner()``'s form): its
    /// lease is void at once, without waiting for it to expire. A reused pid reads as alive: then the lease
    /// runs out as usual.
    public static func isGone(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count == 3, parts[0] == hostName, let pid = Int32(parts[1]), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// This machine's name (`gethostname`).
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// When a lease taken or renewed now expires.
    func expiry() -> Date {
        let (seconds, attoseconds) = leaseDuration.components
        return now().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
