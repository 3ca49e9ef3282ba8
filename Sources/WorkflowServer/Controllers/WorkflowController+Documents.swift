import HTTPTypes
import WorkflowModel

extension WorkflowController {
    /// 400 with every error of the document: envelope problems first, then Datadog's `spec is invalid` line when
    /// the spec has errors, then each spec error with its `source.pointer`.
    static func validationError(_ document: WorkflowDocument) -> APIError {
        let specTokens = JSONPointer.envelopeSpec.tokens
        let errors = document.report.errors
        let inSpec = { (issue: ValidationIssue) in issue.pointer.tokens.starts(with: specTokens) }
        var items = errors.filter { !inSpec($0) }.map(item)
        let specErrors = errors.filter(inSpec)
        if !specErrors.isEmpty {
            items.append(.init(code: "INVALID_SPEC", detail: "spec is invalid"))
            items += specErrors.map(item)
        }
        if items.isEmpty { items.append(.init(code: "INVALID_SPEC", detail: "spec is invalid")) }
        return APIError(.badRequest, .workflows, items)
    }

    private static func item(_ issue: ValidationIssue) -> APIError.Item {
        .init(code: "INVALID", detail: issue.detail, pointer: issue.pointer.description)
    }

    /// `json` with `data.id` set (or removed when `id` is `nil`), so the document's form is the request's:
    /// a create body without an id, an update body with the path's id.
    static func settingDataID(_ json: JSONValue, _ id: String?) -> JSONValue {
        guard case .object(var root) = json, case .object(var data)? = root["data"] else { return json }
        data["id"] = id.map(JSONValue.string)
        root["data"] = .object(data)
        return .object(root)
    }
}
