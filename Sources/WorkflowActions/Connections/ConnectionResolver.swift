import WorkflowModel

/// What the runtime uses to give each step its connection: a ``ConnectionCatalog`` and the environment its
/// `${VARIABLE}` references read.
public struct ConnectionResolver: Sendable {
    /// The connections file.
    public var catalog: ConnectionCatalog
    /// Variables for `${NAME}` in header values (the process environment for the CLI).
    public var environment: [String: String]

    /// Action id → the connection (id or label in the file) a step of that action uses when it has no
    /// `connectionLabel`, as Datadog runs `com.datadoghq.dd.*` steps with the workflow's own Datadog identity.
    /// Filled from the manifests' `auth.connection`; an entry the file lacks leaves the step without one.
    public var defaultConnections: [String: String] = [:]

    public init(catalog: ConnectionCatalog, environment: [String: String]) {
        self.catalog = catalog
        self.environment = environment
    }

    /// The connection of every step of `spec` that has a `connectionLabel`, by step name.
    /// - Throws: ``ConnectionError`` whose message starts with the step's name.
    public func connections(for spec: WorkflowSpec) throws(ConnectionError) -> [String: ResolvedConnection] {
        var result: [String: ResolvedConnection] = [:]
        for (name, outcome) in outcomes(for: spec) {
            switch outcome {
            case .success(let connection): result[name] = connection
            case .failure(let error): throw error
            }
        }
        return result
    }

    /// Each labelled step's connection, or why it cannot be had, by step name; nothing is refused here: the
    /// runtime fails only a step that runs without the connection it needs. A failure's message starts with
    /// the step's name and names the label.
    public func outcomes(for spec: WorkflowSpec) -> [String: Result<ResolvedConnection, ConnectionError>] {
        var result: [String: Result<ResolvedConnection, ConnectionError>] = [:]
        for step in spec.steps ?? [] {
            guard
                let label = step.connectionLabel
                    ?? defaultConnections[step.actionId].flatMap({ catalog.entries[$0] == nil ? nil : $0 })
            else { continue }
            do {
                result[step.name] = .success(try catalog.resolve(label: label, in: spec, environment: environment))
            } catch {
                result[step.name] = .failure(ConnectionError(error.code, "step \"\(step.name)\": \(error.message)"))
            }
        }
        return result
    }
}
