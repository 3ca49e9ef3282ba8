import Foundation
import Synchronization

extension TestSupport {
    private static let spawning = Mutex(())

    /// Starts `process`, one start at a time across the test process. Foundation's `Process.run()` was seen to
    /// crash inside its own copying (a bad pointer in `memcpy`) when many tests started children at once on a
    /// loaded machine; starting is quick, so taking turns costs nothing measurable.
    public static func launch(_ process: Process) throws {
        try spawning.withLock { _ in try process.run() }
    }
}
