import Foundation

/// A workflow file as people write it: a bare spec, a create/update request body, a GET-workflow response, or
/// an exported file (the UI's export, a GET-shaped export, a blueprint catalog entry; docs/workflow-files.md).
///
/// The form is detected from the content; the envelope (`data.attributes`) is validated as Datadog's API does,
/// and the spec inside it is decoded and validated. Every pointer is relative to the document's root, so a
/// problem in a request body reads `/data/attributes/spec/steps/1/name`.
public struct WorkflowDocument: Sendable {
    /// The shape of the document.
    public enum Form: String, Sendable, Hashable, CaseIterable {
        /// A bare spec: `{"steps": …, "triggers": …}`.
        case spec
        /// A create request body: `{"data": {"attributes": {"name": …, "spec": …}}}`.
        case createRequest
        /// An update request body: like a create body, with `data.id`; every attribute is optional.
        case updateRequest
        /// A GET-workflow response: the envelope with `id`, `createdAt`, `updatedAt`, `relationships`.
        case response
        /// An exported file: `{name, description?, tags?, published?, spec, …}` at the top level (the UI's
        /// export, a GET-shaped export, a blueprint catalog entry); other members are ignored.
        case export
    }

    /// Datadog's limit on a workflow description, in characters.
    public static let descriptionLimit = 300

    /// The form detected.
    public var form: Form
    /// Where the spec is in the document (root for a bare spec, `/data/attributes/spec` otherwise).
    public var specPointer: JSONPointer
    /// The spec exactly as written, when present.
    public var submittedSpec: JSONValue?
    /// The workflow name, from the envelope.
    public var name: String?
    /// The workflow description, from the envelope.
    public var description: String?
    /// Whether the workflow is published, from the envelope.
    public var published: Bool?
    /// The workflow's tags, from the envelope.
    public var tags: [String]?
    /// The spec's validation with the envelope's issues first, every pointer relative to the document root.
    public var report: ValidationReport

    /// Whether the document has no error (warnings are allowed).
    public var isValid: Bool { !report.issues.contains { $0.severity == .error } }

    /// Detects the form of `json` and validates it.
    public init(json: JSONValue) {
        if let exported = Self.exported(json) {
            self = exported
            return
        }
        guard case .object(let members) = json, let data = members["data"] else {
            self.init(form: .spec, specPointer: .root, submittedSpec: json, report: ValidationReport(validating: json))
            return
        }
        let attributes = data["attributes"]
        let form: Form
        if attributes?["createdAt"] != nil || attributes?["updatedAt"] != nil || data["relationships"] != nil {
            form = .response
        } else if data["id"] != nil {
            form = .updateRequest
        } else {
            form = .createRequest
        }
        var issues = ShapeChecker.check(json, against: Self.envelopeShape(for: form))
        let description = attributes?["description"]?.stringValue
        if let description, description.count > Self.descriptionLimit {
            issues.append(
                .error(
                    JSONPointer(tokens: ["data", "attributes", "description"]),
                    "workflow description exceeds size limit of [\(Self.descriptionLimit)] characters"))
        }
        let specJSON = attributes?["spec"]
        var report = ValidationReport(spec: nil, graph: nil, issues: [])
        if let specJSON {
            report = ValidationReport(validating: specJSON).prefixed(by: .envelopeSpec)
        }
        report.issues = issues + report.issues
        self.init(form: form, specPointer: .envelopeSpec, submittedSpec: specJSON, report: report)
        self.name = attributes?["name"]?.stringValue
        self.description = description
        self.published = attributes?["published"]?.boolValue
        self.tags = attributes?["tags"]?.arrayValue?.compactMap(\.stringValue)
    }

    init(form: Form, specPointer: JSONPointer, submittedSpec: JSONValue?, report: ValidationReport) {
        self.form = form
        self.specPointer = specPointer
        self.submittedSpec = submittedSpec
        self.report = report
    }

    /// Parses JSON text and validates the document.
    /// - Throws: ``JSONSyntaxError`` when the text is not JSON; an invalid workflow is not an error here, it is
    ///   reported in ``report``.
    public init(jsonData: Data) throws {
        self.init(json: try JSONValue.parse(jsonData))
    }

    /// The shape of the envelope around the spec (the spec itself is checked apart).
    static func envelopeShape(for form: Form) -> Shape {
        var attributes: [String: Shape] = [
            "name": .string, "description": .string, "published": .boolean, "tags": .strings, "spec": .any,
            "webhookSecret": .string,
        ]
        var data: [String: Shape] = ["type": .enumeration(name: "type", values: ["workflows"])]
        var required: [String] = []
        switch form {
        case .spec, .export: break
        case .createRequest: required = ["name", "spec"]
        case .updateRequest: data["id"] = .string
        case .response:
            required = ["name", "spec"]
            attributes["createdAt"] = .string
            attributes["updatedAt"] = .string
            data["id"] = .string
            data["relationships"] = .object(.freeForm)
        }
        data["attributes"] = .object(ObjectShape(attributes, required: required))
        return .object(ObjectShape(["data": .object(ObjectShape(data, required: ["attributes"]))], required: ["data"]))
    }
}
