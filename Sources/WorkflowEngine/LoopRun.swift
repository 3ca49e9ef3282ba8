import WorkflowModel

/// The progress of one loop step while it runs its body (docs/loops.md).
struct LoopRun: Sendable {
    /// A forLoop's rendered `inputList`.
    var items: [JSONValue] = []
    /// The current iteration, from 0.
    var index = 0
    /// Body steps not yet settled in the current iteration.
    var remaining = 0
    /// Whether an iteration is under way.
    var iterating = false
    /// A `core.break` ran in the current iteration: the loop ends when it settles.
    var breakRequested = false
    /// Per finished iteration, the outputs of its body steps by name.
    var results: [JSONValue] = []
    /// `Current` for templates of the body: `{Value, Index}`.
    var current: JSONValue = .null
}
