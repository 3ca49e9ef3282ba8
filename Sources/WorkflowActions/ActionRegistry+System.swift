extension ActionRegistry {
    /// Action ids of the actions that reach outside the engine (network, processes).
    public enum SystemActionID {
        /// `com.datadoghq.http.request`, ``HTTPAction``.
        public static let httpRequest = "com.datadoghq.http.request"
        /// `com.datadoghq.script.runShellScript`, ``ShellAction``.
        public static let runShellScript = "com.datadoghq.script.runShellScript"
    }

    /// Registers ``HTTPAction`` under ``SystemActionID/httpRequest``.
    public mutating func registerHTTP(_ action: HTTPAction = HTTPAction()) {
        register(SystemActionID.httpRequest, action)
    }

    /// Registers ``ShellAction`` under ``SystemActionID/runShellScript``.
    public mutating func registerShell(_ action: ShellAction = ShellAction()) {
        register(SystemActionID.runShellScript, action)
    }

    /// A registry with the HTTP and shell actions (add the core actions separately).
    public static func system(http: HTTPAction = HTTPAction(), shell: ShellAction = ShellAction()) -> ActionRegistry {
        var registry = ActionRegistry()
        registry.registerHTTP(http)
        registry.registerShell(shell)
        return registry
    }

    /// What a real run can use: the core actions (`core.sleep` on `clock`), HTTP requests, shell scripts and
    /// the AWS actions.
    public static func standard(clock: any Clock<Duration> = ContinuousClock()) -> ActionRegistry {
        var registry = ActionRegistry.core(clock: clock)
        registry.registerHTTP()
        registry.registerShell()
        registry.registerAWS()
        return registry
    }
}
