import Foundation

extension FileHandle {
    /// Writes `data` to a console stream, and drops it when the other end is gone (a closed pipe, a full disk).
    ///
    /// Foundation's `write(_:)` traps on a write error, so a `stepwise worker` whose standard error was a pipe its
    /// reader had closed died at its next progress line; what cannot be shown is not worth the process.
    func writeToConsole(_ data: Data) {
        try? write(contentsOf: data)
    }
}
