import WorkflowModel

extension JavaScriptError: CodedError {}
