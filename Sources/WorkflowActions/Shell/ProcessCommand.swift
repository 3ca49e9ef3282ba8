/// One child process to run: what, with which arguments and environment, and its limits.
struct ProcessCommand: Sendable {
    /// A path, or a name looked up on `PATH`.
    var executable: String
    var arguments: [String]
    /// Added to the minimal inherited environment.
    var environment: [String: String] = [:]
    var workingDirectory: String?
    var timeout: Duration
    /// Bytes kept per stream.
    var outputLimit: Int
    /// The message of the timeout error, when not the default.
    var timeoutMessage: String?
}
