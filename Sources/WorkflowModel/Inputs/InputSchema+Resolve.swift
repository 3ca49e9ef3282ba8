extension InputSchema {
    /// Checks a run's inputs (`meta.payload`) against the schema and fills in defaults: the result is
    /// `Trigger.*` in templates.
    ///
    /// Rules (docs/semantics.md#starting-an-instance): a key not in the schema is refused with Datadog's message
    /// `input parameter "<name>" not in workflow input schema`; a parameter without `defaultValue` is required (an
    /// explicit `null` counts as not given, so it takes the default if there is one); a value must have the
    /// declared type; `allowedValues` is an enum unless `allowExtraValues` is true (for array types every
    /// element must be allowed). Defaults are not checked here: validating the spec does that.
    /// - Throws: ``InputError`` listing every problem, not only the first.
    public func resolve(_ payload: [String: JSONValue]) throws(InputError) -> [String: JSONValue] {
        let declared = parameters ?? []
        // Nothing declared and nothing given (most starts of most workflows): nothing to check or fill in.
        if declared.isEmpty && payload.isEmpty { return [:] }
        var problems: [InputError.Problem] = []
        var known = Set<String>()
        known.reserveCapacity(declared.count)
        for parameter in declared { known.insert(parameter.name) }
        for key in payload.keys.sorted() where !known.contains(key) {
            problems.append(
                .init(
                    parameter: key, code: .unknownParameter,
                    message: "input parameter \"\(key)\" not in workflow input schema"))
        }
        var resolved: [String: JSONValue] = [:]
        resolved.reserveCapacity(declared.count)
        for parameter in declared {
            // JSONValue is ExpressibleByNilLiteral: test for `.null` explicitly, not with `nil`.
            let given = payload[parameter.name]
            guard let value = given, !value.isNull else {
                if let defaultValue = parameter.defaultValue {
                    resolved[parameter.name] = defaultValue
                } else {
                    problems.append(
                        .init(
                            parameter: parameter.name, code: .missingRequired,
                            message: "missing required input parameter \"\(parameter.name)\""))
                }
                continue
            }
            if let problem = parameter.problem(with: value) {
                problems.append(problem)
            } else {
                resolved[parameter.name] = value
            }
        }
        guard problems.isEmpty else { throw InputError(problems: problems) }
        return resolved
    }
}

extension InputParameter {
    /// Why `value` is not acceptable for this parameter, or `nil`.
    func problem(with value: JSONValue) -> InputError.Problem? {
        guard let type = parameterType else {
            return .init(
                parameter: name, code: .unknownType,
                message: "input parameter \"\(name)\" has an unknown type \"\(type)\"")
        }
        guard type.matches(value) else {
            return .init(
                parameter: name, code: .typeMismatch,
                message: "input parameter \"\(name)\" must be \(type.phrase) (\(type.rawValue)), got \(value.typeName)")
        }
        guard allowExtraValues != true, let allowed = allowedValues?.arrayValue else { return nil }
        let candidates = value.arrayValue ?? [value]
        for candidate in candidates where !allowed.contains(candidate) {
            return .init(
                parameter: name, code: .notAllowed,
                message:
                    "input parameter \"\(name)\" does not allow \(candidate.compactJSON); allowed values: \(JSONValue.array(allowed).compactJSON)"
            )
        }
        return nil
    }
}
