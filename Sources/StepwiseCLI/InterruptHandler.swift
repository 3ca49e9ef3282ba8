import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The write end of the self-pipe the signal handler writes to; created before any handler is installed.
private let interruptPipe: (read: Int32, write: Int32) = {
    var descriptors: [Int32] = [-1, -1]
    _ = pipe(&descriptors)
    return (descriptors[0], descriptors[1])
}()

/// Turns Ctrl-C (SIGINT) and SIGTERM into a callback, so a run is cancelled cleanly and prints its final state.
///
/// A C signal handler only writes one byte to a pipe (async-signal-safe); a dedicated thread reads it and calls
/// the action. Unlike a dispatch signal source on Linux (which needs the signal ignored, and so can lose it when
/// it is delivered to a thread that does not block it), no signal is ever lost.
final class InterruptHandler {
    private let thread: Thread

    init(_ action: @escaping @Sendable () -> Void) {
        let descriptor = interruptPipe.read
        thread = Thread {
            var byte: UInt8 = 0
            while read(descriptor, &byte, 1) == 1 {
                if byte == 0 { return }  // stop()
                action()
            }
        }
        thread.start()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                var byte: UInt8 = 1
                _ = write(interruptPipe.write, &byte, 1)
            }
        }
    }

    /// Restores the default handling and ends the reading thread.
    func stop() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        var byte: UInt8 = 0
        _ = write(interruptPipe.write, &byte, 1)
    }
}
