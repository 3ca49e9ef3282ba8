extension ActionRegistry {
    /// Action ids of the actions that reach outside the engine (network, processes).
    public enum SystemActionID {
        /// `com.datadoghq.http.request`, ``HTTPAction``.
        public static let httpRequest = "com.datadoghq.http.request"
        /// `com.datadoghq.http.getChecksumFromURL`, ``ChecksumAction``.
        public static let getChecksumFromURL = "com.datadoghq.http.getChecksumFromURL"
        /// `com.datadoghq.http.testConnection`, ``HTTPTestConnectionAction``.
        public static let httpTestConnection = "com.datadoghq.http.testConnection"
        /// `com.datadoghq.script.runShellScript`, ``ShellAction``.
        public static let runShellScript = "com.datadoghq.script.runShellScript"
        /// `com.datadoghq.script.runPredefinedScript`, ``PredefinedScriptAction``.
        public static let runPredefinedScript = "com.datadoghq.script.runPredefinedScript"
        /// `com.datadoghq.script.runPredefinedPowershellScript`, ``PowerShellScriptAction`` (Windows only).
        public static let runPredefinedPowershellScript = "com.datadoghq.script.runPredefinedPowershellScript"
        /// `com.datadoghq.script.enrichScript`, ``EnrichScriptAction``.
        public static let enrichScript = "com.datadoghq.script.enrichScript"
        /// `com.datadoghq.script.testConnection`, ``ScriptTestConnectionAction``.
        public static let scriptTestConnection = "com.datadoghq.script.testConnection"
    }

    /// Registers ``HTTPAction`` under ``SystemActionID/httpRequest``, and the rest of the runner's HTTP bundle:
    /// ``ChecksumAction`` and ``HTTPTestConnectionAction``.
    public mutating func registerHTTP(_ action: HTTPAction = HTTPAction()) {
        register(SystemActionID.httpRequest, action)
        register(SystemActionID.getChecksumFromURL, ChecksumAction(http: action))
        register(SystemActionID.httpTestConnection, HTTPTestConnectionAction(http: action))
    }

    /// Registers ``ShellAction`` under ``SystemActionID/runShellScript``, and the rest of the runner's script
    /// bundle: ``PredefinedScriptAction``, ``PowerShellScriptAction``, ``EnrichScriptAction``,
    /// ``ScriptTestConnectionAction``.
    public mutating func registerShell(_ action: ShellAction = ShellAction()) {
        register(SystemActionID.runShellScript, action)
        register(SystemActionID.runPredefinedScript, PredefinedScriptAction(configuration: action.configuration))
        register(SystemActionID.runPredefinedPowershellScript, PowerShellScriptAction())
        register(SystemActionID.enrichScript, EnrichScriptAction())
        register(SystemActionID.scriptTestConnection, ScriptTestConnectionAction())
    }

    /// A registry with the HTTP and shell actions (add the core actions separately).
    public static func system(http: HTTPAction = HTTPAction(), shell: ShellAction = ShellAction()) -> ActionRegistry {
        var registry = ActionRegistry()
        registry.registerHTTP(http)
        registry.registerShell(shell)
        return registry
    }

    /// What a real run can use: the core actions (`core.sleep` on `clock`), HTTP requests, shell scripts, the AWS
    /// actions and the Kubernetes bundles.
    public static func standard(clock: any Clock<Duration> = ContinuousClock()) -> ActionRegistry {
        var registry = ActionRegistry.core(clock: clock)
        registry.registerHTTP()
        registry.registerShell()
        registry.registerAWS()
        registry.registerKubernetes()
        return registry
    }
}
