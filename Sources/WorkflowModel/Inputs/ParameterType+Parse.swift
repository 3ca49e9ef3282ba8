import Foundation

extension ParameterType {
    /// Reads a value of this type from command-line text (`stepwise run --input name=value`).
    ///
    /// `NUMBER`: a decimal number (`3`, `-2.5`, `1e3`); `BOOLEAN`: `true` or `false`; `STRING`: the text as is;
    /// `OBJECT` and the `ARRAY_*` types: JSON text of that type (`{"a":1}`, `["a","b"]`).
    /// - Throws: ``InputError`` with one ``InputError/Code/unparsableText`` problem (its `parameter` is empty:
    ///   the caller knows the name; use ``InputSchema/payload(arguments:)`` to get named errors).
    public func parse(text: String) throws(InputError) -> JSONValue {
        func failure(_ message: String) -> InputError {
            InputError(problems: [.init(parameter: "", code: .unparsableText, message: message)])
        }
        switch self {
        case .string:
            return .string(text)
        case .number:
            guard let number = JSONValue.decimalNumber(in: text) else {
                throw failure("expected a number, got \"\(text)\"")
            }
            return .number(number)
        case .boolean:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw failure("expected true or false, got \"\(text)\"")
            }
        case .object, .arrayString, .arrayNumber, .arrayBoolean, .arrayObject:
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw failure("expected \(phrase) as JSON text, got \"\(text)\" (\(error))")
            }
            guard matches(value) else {
                throw failure("expected \(phrase) as JSON text, got \(value.typeName) \(value.compactJSON)")
            }
            return value
        }
    }
}

extension InputSchema {
    /// Builds a run's payload from `name=value` command-line arguments, each value read as its parameter's
    /// declared type with ``ParameterType/parse(text:)``. The result still has to go through ``resolve(_:)``.
    /// - Throws: ``InputError`` listing every argument that is not `name=value`, names no parameter, or whose
    ///   text does not parse.
    public func payload(arguments: [String]) throws(InputError) -> [String: JSONValue] {
        var payload: [String: JSONValue] = [:]
        var problems: [InputError.Problem] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                problems.append(
                    .init(
                        parameter: argument, code: .unparsableText,
                        message: "input \"\(argument)\" is not of the form name=value"))
                continue
            }
            let name = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            guard let parameter = parameters?.first(where: { $0.name == name }) else {
                problems.append(
                    .init(
                        parameter: name, code: .unknownParameter,
                        message: "input parameter \"\(name)\" not in workflow input schema"))
                continue
            }
            guard let type = parameter.parameterType else {
                payload[name] = .string(text)
                continue
            }
            do {
                payload[name] = try type.parse(text: text)
            } catch {
                for problem in error.problems {
                    problems.append(
                        .init(
                            parameter: name, code: problem.code,
                            message: "input parameter \"\(name)\": \(problem.message)"))
                }
            }
        }
        guard problems.isEmpty else { throw InputError(problems: problems) }
        return payload
    }
}
