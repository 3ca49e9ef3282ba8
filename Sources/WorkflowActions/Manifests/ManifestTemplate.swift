import Foundation
import WorkflowModel

/// The placeholders of action manifests: `{{ Inputs.name }}` and `{{ Result.body.field }}` (dotted paths,
/// numbers index arrays).
///
/// A string that is exactly one placeholder becomes the value it names, keeping its JSON type; placeholders
/// inside a longer string are replaced by text (strings as they are, other values as compact JSON, a missing
/// value or null as nothing). Objects and arrays are rendered member by member; an object member that is a
/// single placeholder naming nothing (an optional input not given) is left out, and so is a non-empty object
/// member all of whose members were left out.
enum ManifestTemplate {
    /// How inserted text is escaped.
    enum Escaping {
        case none
        /// Percent-encoded as a URL path allows (`/` kept; space, `?`, `#`, `&` encoded).
        case urlPath
        /// Percent-encoded as one URL path segment (`/` encoded too): a placeholder with the `segment` filter,
        /// `{{ Inputs.project_id | segment }}`, in a `url`.
        case urlSegment
    }

    /// `Inputs.x | segment` → (`Inputs.x`, `segment`); a path without a filter → (path, nil).
    static func split(_ inner: String) -> (path: String, filter: String?) {
        let parts = inner.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return (parts.first ?? "", parts.count > 1 ? parts[1] : nil)
    }

    /// Renders every string inside `value` against `roots` (`Inputs`, `Result`).
    static func render(_ value: JSONValue, _ roots: [String: JSONValue], escaping: Escaping = .none) -> JSONValue {
        switch value {
        case .string(let text): return render(text, roots, escaping: escaping)
        case .array(let items): return .array(items.map { render($0, roots, escaping: escaping) })
        case .object(let members):
            return .object(
                members.compactMapValues { member in
                    if case .string(let text) = member, let inner = wholePlaceholder(text),
                        wholeValue(inner, roots) == nil
                    {
                        return nil
                    }
                    let rendered = render(member, roots, escaping: escaping)
                    // An object whose members were all left out is left out too (`"priority": {"name": …}`).
                    if case .object(let given) = member, !given.isEmpty, rendered == .emptyObject { return nil }
                    return rendered
                })
        default: return value
        }
    }

    /// The path of a string that is exactly one placeholder (`{{ Inputs.x }}` → `Inputs.x`).
    private static func wholePlaceholder(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), trimmed.count >= 4,
            trimmed.dropFirst(2).range(of: "{{") == nil
        else { return nil }
        return String(trimmed.dropFirst(2).dropLast(2))
    }

    /// The value of a string that is exactly the placeholder `inner`: what its path names (nil: nothing), or with
    /// a `map:` filter the text its case names (`{{ Inputs.decode | map:true=utf-8,*=base64 }}` → `"base64"`).
    private static func wholeValue(_ inner: String, _ roots: [String: JSONValue]) -> JSONValue? {
        let (path, filter) = split(inner)
        guard let filter, filter.hasPrefix("map:") else { return lookup(path, roots) }
        return .string(map(textOf(lookup(path, roots)), String(filter.dropFirst("map:".count))))
    }

    private static func render(_ text: String, _ roots: [String: JSONValue], escaping: Escaping) -> JSONValue {
        guard text.contains("{{") else { return .string(text) }
        if let inner = wholePlaceholder(text) { return wholeValue(inner, roots) ?? .null }
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let (path, filter) = split(String(rest[open.upperBound..<close.lowerBound]))
            var text = textOf(lookup(path, roots))
            if let filter, filter.hasPrefix("map:") { text = map(text, String(filter.dropFirst("map:".count))) }
            result += escape(text, filter == "segment" && escaping == .urlPath ? .urlSegment : escaping)
            rest = rest[close.upperBound...]
        }
        return .string(result + rest)
    }

    /// The `map:` filter: `with_parameters=buildWithParameters,*=build` replaces a value by the text its case
    /// names; `*` names any other value (a missing one included); a value no case names is kept.
    static func map(_ value: String, _ cases: String) -> String {
        var fallback: String?
        for pair in cases.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == value { return parts[1] }
            if parts[0] == "*" { fallback = parts[1] }
        }
        return fallback ?? value
    }

    private static func textOf(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case let other?: return other.compactJSON
        }
    }

    private static func escape(_ text: String, _ escaping: Escaping) -> String {
        switch escaping {
        case .none: return text
        case .urlPath, .urlSegment:
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: escaping == .urlSegment ? "?#&;=+/" : "?#&;=+")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }

    /// The value at `Root.a.b.0`, or `nil`.
    static func lookup(_ path: String, _ roots: [String: JSONValue]) -> JSONValue? {
        let parts = path.trimmingCharacters(in: .whitespaces).split(separator: ".").map(String.init)
        guard let first = parts.first, var value = roots[first] else { return nil }
        for part in parts.dropFirst() {
            if let member = value[part] {
                value = member
            } else if let index = Int(part), let items = value.arrayValue, items.indices.contains(index) {
                value = items[index]
            } else {
                return nil
            }
        }
        return value
    }

    /// The paths of the placeholders in `text` (`Credentials.token`).
    static func paths(in text: String) -> [String] {
        var paths: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            paths.append(split(String(rest[open.upperBound..<close.lowerBound])).path)
            rest = rest[close.upperBound...]
        }
        return paths
    }

    /// The placeholder roots a template names (`Inputs`, `Result`, …), for checking manifests.
    static func roots(in value: JSONValue) -> Set<String> {
        switch value {
        case .string(let text):
            var names: Set<String> = []
            var rest = text[...]
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                names.insert(String(path.split(separator: ".").first ?? ""))
                rest = rest[close.upperBound...]
            }
            return names
        case .array(let items): return items.reduce(into: []) { $0.formUnion(roots(in: $1)) }
        case .object(let members): return members.values.reduce(into: []) { $0.formUnion(roots(in: $1)) }
        default: return []
        }
    }
}
