extension SpecDecoder {
    /// The typed spec in one pass over the steps, when the document has the schema's shape; `nil` otherwise
    /// (then the shape check and `Codable` decoding report what is wrong, exactly as without this path).
    ///
    /// Steps are checked and built together (``Step/init(checkedJSON:)``); the other members, which are few
    /// and small, go through the shape check and `Codable` as before.
    static func build(_ json: JSONValue) -> WorkflowSpec? {
        guard case .object(var members) = json else { return nil }
        var steps: [Step]?
        if let value = members.removeValue(forKey: "steps") {
            guard let built = value.checkedElements(Step.init(checkedJSON:)) else { return nil }
            steps = built
        }
        let rest = JSONValue.object(members)
        guard ShapeChecker.check(rest, against: .spec).isEmpty,
            var spec = try? JSONValueDecoder.decode(WorkflowSpec.self, from: rest)
        else { return nil }
        spec.steps = steps
        return spec
    }
}
