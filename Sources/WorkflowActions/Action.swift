import WorkflowModel

/// What a step does. Implementations are leaves: they get rendered inputs and return outputs and a branch.
///
/// ```swift
/// struct Echo: InlineAction {
///     func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
///         ActionResult(outputs: ["value": invocation.inputs["value"] ?? .null])
///     }
/// }
/// ```
public protocol Action: Sendable {
    /// Runs the action once (one attempt).
    /// - Throws: ``ActionError`` when the step fails; cancellation arrives as task cancellation, and an action
    ///   that stops because of it throws ``ActionError/Code/canceled``.
    func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult
}

/// An action that finishes at once, without I/O or waiting: the runtime runs it inline, without a task hop.
public protocol InlineAction: Action {
    /// Runs the action synchronously.
    func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult
}

extension InlineAction {
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        try runInline(invocation)
    }
}

/// An action that reads the run's whole template context (``ActionInvocation/context``), such as the
/// data-transformation actions whose scripts see it as `$`. The runtime fills the context only for these.
public protocol ContextReadingAction: Action {}

/// One attempt of one step, as an action sees it.
public struct ActionInvocation: Sendable {
    /// The step's name.
    public var stepName: String
    /// The step's action id.
    public var actionId: String
    /// Parameters after template rendering, by name.
    public var inputs: [String: JSONValue]
    /// 1 for the first attempt.
    public var attempt: Int
    /// The instance running the step.
    public var instanceId: String
    /// The workflow the instance belongs to.
    public var workflowId: String
    /// The step's `connectionLabel`, if any.
    public var connectionLabel: String?
    /// The connection the label resolved to in the local connections file (filled by the runtime), if any:
    /// HTTP requests of the step get its headers and must stay on its base URL's host.
    public var connection: ResolvedConnection?
    /// The loop iteration (from 0) when the step is in a loop body, else `nil` (dry-run mocks play by it).
    public var iteration: Int? = nil
    /// The run's template roots by name (`Trigger`, `Steps`, `Variables`, …) when the step started, for a
    /// ``ContextReadingAction``; `nil` for other actions.
    public var context: [String: JSONValue]?
    /// Called by an action that spawned a process leading its own group (a shell step), once it runs, so the
    /// runtime can journal the group and end it should this process die before the step ends.
    public var processStarted: (@Sendable (ProcessGroup, _ startTime: UInt64) -> Void)? = nil
    /// The W3C trace context of the attempt's span (`traceparent`, and `tracestate` when there is one), empty when
    /// tracing is off: HTTP steps send it as headers, shell steps get `TRACEPARENT`/`TRACESTATE`, child
    /// workflows continue the trace.
    public var traceHeaders: [String: String] = [:]

    public init(
        stepName: String,
        actionId: String,
        inputs: [String: JSONValue],
        attempt: Int = 1,
        instanceId: String = "",
        workflowId: String = "",
        connectionLabel: String? = nil,
        connection: ResolvedConnection? = nil
    ) {
        self.stepName = stepName
        self.actionId = actionId
        self.inputs = inputs
        self.attempt = attempt
        self.instanceId = instanceId
        self.workflowId = workflowId
        self.connectionLabel = connectionLabel
        self.connection = connection
    }
}

/// What one attempt produced.
public struct ActionResult: Sendable, Hashable {
    /// The step's outputs (`Steps.<name>` in templates); an object.
    public var outputs: JSONValue
    /// The branch to follow: `main`, `true`/`false`, a switch case, `default`, `loopStart`.
    public var branch: String
    /// Workflow variables to set (`Variables.<name>`).
    public var variables: [String: JSONValue]

    public init(outputs: JSONValue = .emptyObject, branch: String = "main", variables: [String: JSONValue] = [:]) {
        self.outputs = outputs
        self.branch = branch
        self.variables = variables
    }
}

/// Why an attempt failed.
public struct ActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A required input is missing or has the wrong type.
        public static let invalidInput = Code("INVALID_INPUT")
        /// The action ran and reported a failure (`core.error`, HTTP status ≥ 400, non-zero exit, …).
        public static let failed = Code("FAILED")
        /// The step's time limit ended.
        public static let timedOut = Code("TIMED_OUT")
        /// The run was cancelled while the action was running.
        public static let canceled = Code("CANCELED")
        /// The action cannot run here (an unsupported feature, a missing implementation).
        public static let unsupported = Code("UNSUPPORTED")
        public var description: String { name }
    }

    public var code: Code
    /// A message a person understands; it becomes `Steps.<name>.error.message`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
