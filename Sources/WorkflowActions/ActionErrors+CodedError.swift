import WorkflowModel

// The errors of actions, connections and manifests share the coded-error shape: a `code` and a `message`.
extension ActionError: CodedError {}
extension ConnectionError: CodedError {}
extension ManifestError: CodedError {}
