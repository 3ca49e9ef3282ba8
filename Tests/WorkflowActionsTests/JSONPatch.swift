import Foundation
import WorkflowModel

/// RFC 6902 JSON Patch (`add`, `replace`, `remove`, `test` on object members), RFC 7386 merge patch and
/// Kubernetes' strategic merge patch (lists of named objects, such as `containers`, merged by `name`), for the
/// Kubernetes stand-in.
enum JSONPatch {
    /// `document` with `operations` applied, or nil when one cannot be.
    static func apply(_ operations: [JSONValue], to document: JSONValue) -> JSONValue? {
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else { return nil }
            let keys = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            switch op {
            case "add", "replace":
                guard let value = operation["value"],
                    let next = set(keys[...], in: result, to: value, mustExist: op == "replace")
                else { return nil }
                result = next
            case "remove":
                guard let next = set(keys[...], in: result, to: nil, mustExist: true) else { return nil }
                result = next
            case "test":
                guard lookup(keys[...], in: result) == operation["value"] else { return nil }
            default:
                return nil
            }
        }
        return result
    }

    /// `patch` merged into `target` (null removes a member).
    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in changes {
            if value == .null { members[key] = nil } else { members[key] = merge(value, into: members[key] ?? .null) }
        }
        return .object(members)
    }

    /// `patch` merged into `target` as a strategic merge patch: as ``merge(_:into:)``, except that a list whose
    /// elements are all objects with a `name` merges each patch element into the target element of that name
    /// (appending the new ones), as the API does for `containers`.
    static func strategicMerge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        if case .array(let changes) = patch, case .array(var items) = target,
            (changes + items).allSatisfy({ $0["name"]?.stringValue != nil })
        {
            for change in changes {
                if let index = items.firstIndex(where: { $0["name"] == change["name"] }) {
                    items[index] = strategicMerge(change, into: items[index])
                } else {
                    items.append(change)
                }
            }
            return .array(items)
        }
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in changes {
            members[key] = value == .null ? nil : strategicMerge(value, into: members[key] ?? .null)
        }
        return .object(members)
    }

    private static func lookup(_ keys: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
        guard let key = keys.first else { return value }
        return value[key].flatMap { lookup(keys.dropFirst(), in: $0) }
    }

    private static func set(
        _ keys: ArraySlice<String>, in value: JSONValue, to new: JSONValue?, mustExist: Bool
    ) -> JSONValue? {
        guard let key = keys.first, case .object(var members) = value else { return nil }
        if keys.count == 1 {
            if mustExist && members[key] == nil { return nil }
            members[key] = new
            return .object(members)
        }
        guard let child = members[key], let updated = set(keys.dropFirst(), in: child, to: new, mustExist: mustExist)
        else { return nil }
        members[key] = updated
        return .object(members)
    }
}
