import WorkflowModel

/// An action that says what its outputs look like and what it needs to run: dry runs give an unmocked step its
/// ``outputShape``, and `stepwise actions list` shows its ``requirements``.
public protocol DescribedAction: Action {
    /// The outputs with empty values (`""`, `0`, `false`, `{}`, `[]`).
    var outputShape: JSONValue { get }
    /// What a step using it needs: the bundle it comes from and its connection tokens.
    var requirements: String { get }
}

extension ActionRegistry {
    /// What the action registered under `actionId` needs to run, when it says (``DescribedAction``).
    public func requirements(for actionId: String) -> String? {
        (action(for: actionId) as? any DescribedAction)?.requirements
    }
}
