// Shows why scripts/tsan.supp suppresses races inside Synchronization.Mutex.withLock: ThreadSanitizer reports this
// correct program (four threads, one Mutex) as racing, because a contended Mutex on Linux hands its lock over in the
// kernel. scripts/sanitizers builds and runs it first and prints how many reports it gets.
//   swiftc -sanitize=thread scripts/tsan-mutex-check.swift -o /tmp/tsan-mutex-check && /tmp/tsan-mutex-check
import Foundation
import Synchronization

final class Counters: Sendable { let table = Mutex<[Int: Int]>([:]) }
let counters = Counters()
let done = DispatchGroup()
for thread in 0..<4 {
    done.enter()
    Thread {
        for index in 0..<10_000 { counters.table.withLock { $0[index % 64, default: 0] += thread } }
        done.leave()
    }.start()
}
done.wait()
print("entries: \(counters.table.withLock { $0.count })")
