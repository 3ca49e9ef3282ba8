import Foundation

/// The floor for the shell action: `posix_spawn` a command and `waitpid` for it, nothing else.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments` (the first is the executable's path) and returns its wait status.
    /// - Throws: ``Failure`` naming the command when it cannot be spawned.
    static func run(_ arguments: [String]) throws -> Int32 {
        guard let path = arguments.first else { throw Failure(description: "posix_spawn: no command") }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, nil, nil, argv, environ)
        guard code == 0 else { throw Failure(description: "posix_spawn \(path): error \(code)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }
}
