import CCurl
import Foundation
import Synchronization

/// One thread that owns a curl multi handle and drives every transfer on it.
///
/// Transfers are handed over through a lock-protected queue and `curl_multi_wakeup`, so no Swift task ever
/// blocks in curl; a finished transfer resumes its task's continuation from this thread. The multi handle's
/// connection cache is shared by all transfers, so steps calling the same host reuse connections.
/// Cancelling removes the easy handle from the multi handle on the next turn of the loop (milliseconds).
/// The thread lives as long as the process.
///
/// `@unchecked Sendable`: `multi` and `active` are touched only by the loop's thread; everything the
/// submitting tasks touch is inside the `Mutex`.
public final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var submissions: [CurlTransfer] = []
        var cancellations: [Int] = []
        var nextID = 0
    }

    /// The loop shared by every HTTP action that is not given its own.
    public static let shared = CurlMultiLoop()

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var active: [Int: CurlTransfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: Int] = [:]

    private static let globalInit: CURLcode = stepwise_curl_global_init_all()

    /// Starts a loop thread with its own multi handle (and so its own connection cache).
    /// - Parameter maxConnectionsPerHost: at most this many connections to one host (0: no limit).
    public init(maxConnectionsPerHost: Int = 0) {
        _ = Self.globalInit
        guard let multi = curl_multi_init() else {
            // Out of memory at start-up: nothing sensible can run without a multi handle.
            preconditionFailure("curl_multi_init failed")
        }
        self.multi = multi
        _ = stepwise_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "stepwise-curl-multi"
        thread.start()
    }

    /// A fresh id for a transfer.
    func makeID() -> Int {
        inbox.withLock { inbox in
            inbox.nextID += 1
            return inbox.nextID
        }
    }

    /// Runs `transfer` to completion; cancelling the calling task aborts it at once.
    func perform(_ transfer: CurlTransfer) async -> Result<CurlResponse, CurlFailure> {
        let id = transfer.id
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                // The task's cancelled flag is set before `onCancel` runs: checked under the lock `onCancel`
                // takes, either this sees it or `onCancel` finds the submission queued (or started).
                let canceled = inbox.withLock { inbox in
                    if Task.isCancelled { return true }
                    inbox.submissions.append(transfer)
                    return false
                }
                if canceled {
                    transfer.continuation = nil
                    continuation.resume(returning: .failure(.canceled))
                } else {
                    curl_multi_wakeup(multi)
                }
            }
        } onCancel: {
            let queued = inbox.withLock { inbox -> CurlTransfer? in
                if let index = inbox.submissions.firstIndex(where: { $0.id == id }) {
                    return inbox.submissions.remove(at: index)
                }
                inbox.cancellations.append(id)
                return nil
            }
            if let queued {
                let continuation = queued.continuation
                queued.continuation = nil
                continuation?.resume(returning: .failure(.canceled))
            } else {
                curl_multi_wakeup(multi)
            }
        }
    }

    private func runLoop() {
        var running: Int32 = 0
        while true {
            let (submissions, cancellations) = inbox.withLock { inbox in
                defer {
                    inbox.submissions = []
                    inbox.cancellations = []
                }
                return (inbox.submissions, inbox.cancellations)
            }
            for transfer in submissions { start(transfer) }
            for id in cancellations { cancel(id) }
            curl_multi_perform(multi, &running)
            collectFinished()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func start(_ transfer: CurlTransfer) {
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(code))
            finish(transfer, .failure(.transport(message: message, timedOut: false)))
            return
        }
        active[transfer.id] = transfer
        byHandle[transfer.easy] = transfer.id
    }

    private func cancel(_ id: Int) {
        // Not active: it finished already, or it was never submitted (its task saw the cancellation).
        guard let transfer = active.removeValue(forKey: id) else { return }
        byHandle[transfer.easy] = nil
        curl_multi_remove_handle(multi, transfer.easy)
        finish(transfer, .failure(.canceled))
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard stepwise_curl_msg_is_done(message) != 0 else { continue }
            let easy = stepwise_curl_msg_easy_handle(message)
            guard let easy, let id = byHandle.removeValue(forKey: easy),
                let transfer = active.removeValue(forKey: id)
            else { continue }
            let code = stepwise_curl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            finish(transfer, transfer.outcome(for: code))
        }
    }

    private func finish(_ transfer: CurlTransfer, _ outcome: Result<CurlResponse, CurlFailure>) {
        let continuation = transfer.continuation
        transfer.continuation = nil
        continuation?.resume(returning: outcome)
    }
}
