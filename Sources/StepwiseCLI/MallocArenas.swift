import Foundation

/// Caps glibc's malloc arenas in a process that holds many parked instances.
///
/// glibc gives each busy thread an arena of its own, up to eight per core, and keeps freed memory in each; a worker
/// that parked 100,000 instances was left with twice the memory it used spread over them. With two arenas (the
/// executor's pool is as wide as the cores) the freed memory goes back (`malloc_trim` after parks).
/// `MALLOC_ARENA_MAX` in the environment wins. Found through `dlsym`: Swift's Glibc module does not export
/// `mallopt`.
enum MallocArenas {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    /// glibc's `M_ARENA_MAX`.
    private static let arenaMaxOption: Int32 = -8

    /// Caps the arenas at `count` unless `MALLOC_ARENA_MAX` is set; returns whether it did.
    @discardableResult
    static func cap(at count: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        #if os(Linux)
        guard environment["MALLOC_ARENA_MAX"] == nil, let handle = dlopen(nil, RTLD_NOW),
            let address = dlsym(handle, "mallopt")
        else { return false }
        let mallopt = unsafeBitCast(address, to: Mallopt.self)
        return mallopt(arenaMaxOption, Int32(clamping: max(1, count))) == 1
        #else
        return false
        #endif
    }
}
