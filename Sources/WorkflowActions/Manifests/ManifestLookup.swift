import WorkflowModel

/// A request a manifest makes before its main one, to find a value the main request needs (Jira moves an
/// issue by transition id, but workflows name the status): the manifest's `lookup` object.
///
/// ```json
/// "lookup": {
///   "http": {"verb": "GET", "url": "/rest/api/2/issue/{{ Inputs.issueKey }}/transitions"},
///   "select": {"from": "Result.body.transitions", "where": "to.name", "equals": "{{ Inputs.newStatus }}"},
///   "missing": "issue {{ Inputs.issueKey }} has no transition to {{ Inputs.newStatus }}"
/// }
/// ```
///
/// The main request, outputs and `errorIf` then read the selected element as `{{ Lookup.id }}` (the whole
/// result without `select`). No element matching fails the step with `missing` (a template).
public struct ManifestLookup: Sendable, Hashable {
    /// Which element of a list to keep.
    public struct Select: Sendable, Hashable {
        /// A path over `Result` naming a list (`Result.body.transitions`).
        public var from: String
        /// A path inside each element (`to.name`).
        public var key: String
        /// A template; the first element whose `key` renders to the same text is kept.
        public var equals: String
    }

    /// The request (the fields of a manifest's `http`).
    public var http: JSONValue
    public var select: Select?
    /// The failure message when nothing matches.
    public var missing: String

    /// Reads the `lookup` object.
    /// - Throws: ``ManifestError`` `.malformed` naming the field.
    init(json: JSONValue) throws(ManifestError) {
        func fail(_ message: String) -> ManifestError { ManifestError(.malformed, "\"lookup\": \(message)") }
        guard let members = json.objectValue,
            Set(members.keys).isSubset(of: ["http", "select", "missing"])
        else { throw fail("has the fields http, select and missing") }
        guard let http = members["http"], let url = http["url"]?.stringValue, !url.isEmpty,
            Set(http.objectValue?.keys.map { $0 } ?? []).isSubset(of: ActionManifest.httpFields)
        else { throw fail("\"http\" is a request with a \"url\" and the fields of a manifest's http") }
        self.http = http
        if let select = members["select"] {
            guard let from = select["from"]?.stringValue, let key = select["where"]?.stringValue,
                let equals = select["equals"]?.stringValue, select.objectValue?.count == 3
            else { throw fail("\"select\" is {\"from\": path, \"where\": path, \"equals\": template}") }
            self.select = Select(from: from, key: key, equals: equals)
        }
        missing = members["missing"]?.stringValue ?? "the lookup request found nothing"
    }

    /// The `Lookup` value from the lookup request's `result`.
    /// - Throws: ``ActionError`` `.failed` with ``missing`` when no element matches.
    func value(from result: JSONValue, roots: [String: JSONValue]) throws(ActionError) -> JSONValue {
        guard let select else { return result }
        var scope = roots
        scope["Result"] = result
        let wanted = ManifestTemplate.render(.string(select.equals), scope)
        let items = ManifestTemplate.lookup(select.from, scope)?.arrayValue ?? []
        let found = items.first { item in
            let value = ManifestTemplate.lookup("Item." + select.key, ["Item": item])
            return value == wanted || value?.stringValue == wanted.stringValue && wanted.stringValue != nil
        }
        guard let found else {
            throw ActionError(.failed, ManifestTemplate.render(.string(missing), scope).stringValue ?? missing)
        }
        return found
    }
}
