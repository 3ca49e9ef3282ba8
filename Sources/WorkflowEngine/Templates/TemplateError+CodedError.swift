import WorkflowModel

extension TemplateError: CodedError {}
