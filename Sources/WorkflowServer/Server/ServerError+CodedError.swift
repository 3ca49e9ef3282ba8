import WorkflowModel

extension ServerError: CodedError {}
