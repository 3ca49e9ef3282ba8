import WorkflowModel

extension Scheduler {
    /// Ends a running instance as `INSTANCE_ERROR` with `failure`, for a reason outside the spec's own logic (a
    /// run limit such as the journal budget): running and waiting steps are canceled, queued ones never start.
    /// An instance that already ended is left as it is.
    public mutating func abort(_ failure: InstanceFailure, into transition: inout Transition) {
        guard status == .inProgress else { return }
        terminate(.instanceError, failure: failure, into: &transition)
    }
}
