extension WorkflowDocument {
    /// Where the spec is in an exported file.
    static let exportSpecPointer = JSONPointer(tokens: ["spec"])

    /// The members of an exported file Stepwise reads; others (`id`, `categories`, `highlightedBundles`,
    /// `createdAt`, …) are accepted and ignored.
    static let exportShape = Shape.object(
        ObjectShape(
            ["name": .string, "description": .string, "tags": .strings, "published": .boolean, "spec": .any],
            required: ["spec"], allowsUnknownMembers: true))

    /// `json` read as an exported file, when it is one: an object with a `spec` member and neither a `data`
    /// envelope nor spec members of its own (`steps`, `triggers`). Name, description, tags and published
    /// come from the wrapper; pointers are relative to the file (`/spec/steps/0/name`).
    static func exported(_ json: JSONValue) -> WorkflowDocument? {
        guard case .object(let members) = json, members["data"] == nil, let specJSON = members["spec"],
            members["steps"] == nil, members["triggers"] == nil
        else { return nil }
        var issues = ShapeChecker.check(json, against: exportShape)
        let description = members["description"]?.stringValue
        if let description, description.count > descriptionLimit {
            issues.append(
                .error(
                    JSONPointer(tokens: ["description"]),
                    "workflow description exceeds size limit of [\(descriptionLimit)] characters"))
        }
        var report = ValidationReport(validating: specJSON).prefixed(by: exportSpecPointer)
        report.issues = issues + report.issues
        var document = WorkflowDocument(
            form: .export, specPointer: exportSpecPointer, submittedSpec: specJSON, report: report)
        document.name = members["name"]?.stringValue
        document.description = description
        document.published = members["published"]?.boolValue
        document.tags = members["tags"]?.arrayValue?.compactMap(\.stringValue)
        return document
    }
}
