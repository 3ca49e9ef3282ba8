import WorkflowModel

/// Why the launcher refused, or could not make, a start. Each surface maps the code to its own message or HTTP
/// status (`stepwise run` exits 2, the API answers 400 or 429, a child workflow step fails).
public struct LaunchError: CodedError {
    /// What went wrong; tests compare codes.
    public typealias Code = ErrorCode<LaunchError>

    /// A step whose action is not available here.
    public struct UnavailableAction: Sendable, Hashable {
        /// The step's name.
        public var step: String
        /// The action id it uses.
        public var actionId: String

        /// Step `step` uses `actionId`.
        public init(step: String, actionId: String) {
            self.step = step
            self.actionId = actionId
        }
    }

    public var code: Code
    /// A message a person understands; surfaces may word their own from the fields below.
    public var message: String
    /// The spec's trigger kinds (``Code/noTrigger``, ``Code/ambiguousTrigger``).
    public var triggers: [TriggerKind] = []
    /// Each refused input (``Code/invalidInputs``).
    public var inputProblems: [InputError.Problem] = []
    /// Each step whose action is missing (``Code/unavailableAction``; empty when found as the instance started).
    public var unavailable: [UnavailableAction] = []
    /// The fired trigger (``Code/rateLimited``: its `rateLimit` is in its options).
    public var trigger: Trigger?

    /// An error with `code` and `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == LaunchError {
    /// The spec has no trigger of the kind asked for (``LaunchError/triggers`` lists those it has).
    public static let noTrigger = Self("NO_TRIGGER")
    /// No trigger was named and the spec has several, none of them `workflowTrigger` or `apiTrigger`.
    public static let ambiguousTrigger = Self("AMBIGUOUS_TRIGGER")
    /// The start needs a published workflow.
    public static let notPublished = Self("NOT_PUBLISHED")
    /// The payload does not match the input schema (``LaunchError/inputProblems``).
    public static let invalidInputs = Self("INVALID_INPUTS")
    /// Steps use actions that are not available here (``LaunchError/unavailable``).
    public static let unavailableAction = Self("UNAVAILABLE_ACTION")
    /// The admission check (the trigger's `rateLimit`) refused the start.
    public static let rateLimited = Self("RATE_LIMITED")
    /// The spec does not compile (a template that does not parse).
    public static let invalidSpec = Self("INVALID_SPEC")
    /// A step's connection cannot be resolved.
    public static let connection = Self("CONNECTION")
    /// The store refused the instance.
    public static let store = Self("STORE")
    /// An instance with the launch's id exists already (a start another process made first, such as a schedule
    /// occurrence another server replica fired).
    public static let duplicate = Self("DUPLICATE")
}
