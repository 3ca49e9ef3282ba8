import WorkflowModel

extension RuntimeError: CodedError {}
