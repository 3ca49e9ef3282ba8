/// Actions by action id. Built once when the engine starts and shared read-only.
public struct ActionRegistry: Sendable {
    private var actions: [String: any Action]

    /// An empty registry.
    public init() { actions = [:] }

    /// Registers `action` under `id`, replacing any earlier one.
    public mutating func register(_ id: String, _ action: any Action) {
        actions[id] = action
    }

    /// The action registered under `id`.
    public func action(for id: String) -> (any Action)? { actions[id] }

    /// Every registered id, sorted.
    public var ids: [String] { actions.keys.sorted() }
}
