import WorkflowModel

/// An action whose whole work is to wait, then succeed with ``ActionResult/init(outputs:branch:variables:)``'s
/// defaults (`{}` on `main`): `core.sleep`.
///
/// The runtime does not run such an action in a task: it asks ``waitDuration(of:)`` and keeps the wait as a
/// durable timer of the instance, measured from the step's `stepStarted` journal entry, so an instance with nothing
/// else to do can leave memory and a resumed wait ends at its original deadline. ``Action/run(_:)`` stays for
/// callers that run the action directly.
public protocol WaitingAction: Action {
    /// How long the attempt waits.
    /// - Throws: ``ActionError`` (``ActionError/Code/invalidInput``) when the inputs name no valid duration: the
    ///   attempt fails with it, as ``Action/run(_:)`` would.
    func waitDuration(of invocation: ActionInvocation) throws(ActionError) -> Duration
}
