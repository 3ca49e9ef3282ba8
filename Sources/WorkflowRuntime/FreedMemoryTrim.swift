import Dispatch
import Foundation
import Synchronization

/// Gives the memory of parked instances back to the system once they park.
///
/// A parked instance leaves behind what its runner held (task frames, journal buffers, the action table's
/// copies); glibc keeps those freed pages in its per-thread arenas, so a worker that parked 100,000 instances
/// showed twice the resident memory it was using. After a burst of parks, `malloc_trim(0)` returns the free pages
/// of every arena: at most once a second while instances park, and once more a second after the last one.
/// Found through `dlsym`, since Swift's Glibc module does not export it; a no-op where it does not exist.
final class FreedMemoryTrim: Sendable {
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(address, to: Trim.self)
        #else
        return nil
        #endif
    }()

    private let scheduled = Atomic(false)
    private let delay: DispatchTimeInterval

    /// - Parameter delay: how long after the first park of a burst the trim runs.
    init(delay: DispatchTimeInterval = .seconds(1)) {
        self.delay = delay
    }

    /// Notes that an instance parked: schedules a trim unless one is already scheduled.
    func instanceParked() {
        guard Self.trim != nil,
            scheduled.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { [self] in
            // Cleared first: a park during the trim schedules the next one.
            scheduled.store(false, ordering: .releasing)
            _ = Self.trim?(0)
        }
    }
}
