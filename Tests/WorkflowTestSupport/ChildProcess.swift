import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A child process for tests, with the part of Foundation's `Process` interface the tests use, started with
/// `posix_spawn`.
///
/// Why not `Process`: on Linux, Foundation's `Process.run()` lists `/proc/self/fd` before each spawn and copies
/// every directory entry's whole 256-byte name field, reading past glibc's buffer; now and then that read touches an
/// unmapped page and the test process dies with a bad pointer in `memcpy`, the more likely the more descriptors are
/// open (swift-corelibs-foundation, fixed after Swift 6.3.1). Like `Process`, the child leads a process group of its
/// own and inherits no descriptor but its standard input, output and error.
public final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    public enum TerminationReason: Sendable, Equatable {
        /// It exited; ``terminationStatus`` is its exit code.
        case exit
        /// A signal ended it; ``terminationStatus`` is the signal number.
        case uncaughtSignal
    }

    /// A failure to start the child.
    public struct SpawnError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// The program to run.
    public var executableURL: URL?
    /// Its arguments (without the program's name).
    public var arguments: [String]?
    /// Its whole environment; `nil` inherits this process's.
    public var environment: [String: String]?
    /// Its working directory; `nil` keeps this process's.
    public var currentDirectoryURL: URL?
    /// A `Pipe` or a `FileHandle`; `nil` inherits this process's.
    public var standardInput: Any?
    /// A `Pipe` or a `FileHandle`; `nil` inherits this process's.
    public var standardOutput: Any?
    /// A `Pipe` or a `FileHandle`; `nil` inherits this process's.
    public var standardError: Any?

    private let state = Mutex(State())

    private struct State {
        var pid: pid_t = 0
        var status: Int32?
    }

    public init() {}

    /// The child's process id (0 before ``run()``).
    public var processIdentifier: Int32 { state.withLock { $0.pid } }

    /// Starts the child.
    public func run() throws {
        guard let executableURL else { throw SpawnError(description: "no executable") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var parentCopies: [FileHandle] = []
        for (target, stream) in [(Int32(0), standardInput), (1, standardOutput), (2, standardError)] {
            switch Self.childDescriptor(stream, target: target, parentCopies: &parentCopies) {
            case .some(let descriptor) where descriptor >= 0:
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            case .some:  // FileHandle.nullDevice has no descriptor of its own
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_RDWR, 0)
            case .none:
                continue
            }
        }
        if let directory = currentDirectoryURL {
            guard let addChdir = Self.addChdir else { throw SpawnError(description: "no addchdir in this libc") }
            let code = directory.path.withCString { addChdir(&actions, $0) }
            guard code == 0 else { throw SpawnError(description: "addchdir: \(String(cString: strerror(code)))") }
        }
        guard let closeFrom = Self.addCloseFrom else { throw SpawnError(description: "no addclosefrom in this libc") }
        guard closeFrom(&actions, 3) == 0 else { throw SpawnError(description: "addclosefrom failed") }

        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let path = executableURL.path
        let argv = ([path] + (arguments ?? [])).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer { for pointer in variables { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], variables + [nil])
        // The child has its copies now: closing the parent's ends it writes to lets readers see end of file.
        for handle in parentCopies { try? handle.close() }
        guard code == 0 else {
            throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(code)))")
        }
        state.withLock { $0.pid = pid }
    }

    /// Whether the child has not ended yet.
    public var isRunning: Bool {
        state.withLock { state in
            guard state.pid > 0, state.status == nil else { return false }
            Self.reap(&state, options: WNOHANG)
            return state.status == nil
        }
    }

    /// Blocks until the child has ended.
    public func waitUntilExit() {
        let pid = processIdentifier
        guard pid > 0 else { return }
        // Wait without reaping, then reap under the lock: `isRunning` on another thread never races this.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        state.withLock { Self.reap(&$0, options: 0) }
    }

    /// The exit code, or the signal that ended the child (see ``terminationReason``); 0 while it runs.
    public var terminationStatus: Int32 {
        guard let status = state.withLock({ $0.status }) else { return 0 }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }

    /// Whether the child exited or a signal ended it.
    public var terminationReason: TerminationReason {
        guard let status = state.withLock({ $0.status }) else { return .exit }
        return status & 0x7f == 0 ? .exit : .uncaughtSignal
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Sends SIGINT.
    public func interrupt() { signal(SIGINT) }

    private func signal(_ number: Int32) {
        let pid = processIdentifier
        if pid > 0, isRunning { kill(pid, number) }
    }

    private static func reap(_ state: inout State, options: Int32) {
        guard state.status == nil else { return }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(state.pid, &status, options) } while result < 0 && errno == EINTR
        if result == state.pid { state.status = status }
    }

    /// The descriptor the child gets as `target` for a `Pipe` or `FileHandle`; the parent's copy of a pipe's end the
    /// child uses goes to `parentCopies`, closed once the child started.
    private static func childDescriptor(_ stream: Any?, target: Int32, parentCopies: inout [FileHandle]) -> Int32? {
        switch stream {
        case let pipe as Pipe:
            let childEnd = target == 0 ? pipe.fileHandleForReading : pipe.fileHandleForWriting
            parentCopies.append(childEnd)
            return childEnd.fileDescriptor
        case let handle as FileHandle:
            return handle === FileHandle.nullDevice ? -1 : handle.fileDescriptor
        default:
            return nil
        }
    }

    private typealias FileAction =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not show.
    private static let addChdir: FileAction? = symbol("posix_spawn_file_actions_addchdir_np")
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not show.
    private static let addCloseFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
