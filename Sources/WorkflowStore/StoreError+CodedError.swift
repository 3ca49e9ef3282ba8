import WorkflowModel

extension StoreError: CodedError {}
