import Foundation
import Yams

/// Reads a keys file (`stepwise serve --keys FILE`, docs/security.md): YAML or JSON,
///
/// ```yaml
/// keys:
///   - name: deploy-bot
///     apiKeyHash: sha256:<64 hex digits>     # stepwise keys hash < api-key.txt
///     appKeyHash: sha256:<64 hex digits>
///     scopes: [workflows_read, workflows_run]
/// ```
///
/// Keys are stored as SHA-256 digests only; a key in clear is refused. Every problem names its line and field.
public enum KeysFile {
    /// The fields of one key.
    static let fields = ["name", "apiKeyHash", "appKeyHash", "scopes"]

    /// Reads and checks the file at `path`.
    /// - Throws: ``KeysFileError`` naming the line and field of the first problem.
    public static func load(path: String) throws(KeysFileError) -> APIKeyring {
        try checkPermissions(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw KeysFileError(.unreadable, file: path, reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeysFileError(.malformed, file: path, "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Refuses a file group or others may read or write (mode bits `077`): anyone on the machine could add a key
    /// to it, or read the digests to guess weak keys offline. A file that does not exist is left to the read.
    /// - Throws: ``KeysFileError`` `permissions`, saying the mode and the `chmod` that fixes it.
    static func checkPermissions(_ path: String) throws(KeysFileError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return }
        guard mode & 0o077 == 0 else {
            throw KeysFileError(
                .permissions, file: path,
                "group or others may read or write it (mode \(String(mode & 0o777, radix: 8))): run chmod 600 \(path)")
        }
    }

    /// Checks `text` (YAML or JSON) read from `file`.
    /// - Throws: ``KeysFileError`` naming the line and field of the first problem.
    public static func parse(_ text: String, file: String) throws(KeysFileError) -> APIKeyring {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw KeysFileError(.missingField, file: file, field: "keys", "the file is empty")
            }
            root = node
        } catch let error as KeysFileError {
            throw error
        } catch {
            throw malformed(error, file: file)
        }
        let reader = Reader(file: file)
        let top = try reader.mapping(root, field: nil, allowed: ["keys"])
        guard let list = top["keys"] else {
            throw reader.error(.missingField, root, field: "keys", "a keys file lists its keys under \"keys\"")
        }
        guard let entries = list.sequence, !entries.isEmpty else {
            throw reader.error(.invalidValue, list, field: "keys", "must be a list of at least one key")
        }
        var keys: [APIKey] = []
        var names: Set<String> = []
        var pairs: Set<[KeyDigest]> = []
        for (index, entry) in entries.enumerated() {
            let key = try reader.key(entry, field: "keys[\(index)]")
            guard names.insert(key.name).inserted else {
                throw reader.error(
                    .duplicate, entry, field: "keys[\(index)].name", "the name \"\(key.name)\" is used twice")
            }
            guard pairs.insert([key.apiKey, key.applicationKey].compactMap { $0 }).inserted else {
                throw reader.error(.duplicate, entry, field: "keys[\(index)]", "the same key pair is listed twice")
            }
            keys.append(key)
        }
        return APIKeyring(keys: keys)
    }

    private static func malformed(_ error: any Error, file: String) -> KeysFileError {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?,
            .composer(_, let problem, let mark, _)?:
            return KeysFileError(.malformed, file: file, line: mark.line, column: mark.column, "malformed: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return KeysFileError(
                .duplicate, file: file, line: context.mark.line, column: context.mark.column,
                "the field \(duplicates.joined(separator: ", ")) is given twice")
        default:
            let oneLine = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            return KeysFileError(.malformed, file: file, "malformed: \(oneLine)")
        }
    }

    /// Walks the document's nodes, wording errors with their positions.
    private struct Reader {
        let file: String

        func error(_ code: KeysFileError.Code, _ node: Node, field: String?, _ message: String) -> KeysFileError {
            KeysFileError(code, file: file, line: node.mark?.line, column: node.mark?.column, field: field, message)
        }

        /// The members of a mapping with string keys, each in `allowed`.
        func mapping(_ node: Node, field: String?, allowed: [String]) throws(KeysFileError) -> [String: Node] {
            guard let mapping = node.mapping else {
                throw error(.invalidValue, node, field: field, "must be a mapping (an object)")
            }
            var members: [String: Node] = [:]
            for (name, value) in mapping {
                let prefix = field.map { $0 + "." } ?? ""
                guard let text = name.scalar?.string, allowed.contains(text) else {
                    let shown = name.scalar?.string ?? "?"
                    throw error(
                        .unknownField, name, field: prefix + shown,
                        "unknown field (expected \(allowed.joined(separator: ", ")))")
                }
                members[text] = value
            }
            return members
        }

        func key(_ node: Node, field: String) throws(KeysFileError) -> APIKey {
            let members = try mapping(node, field: field, allowed: KeysFile.fields)
            let name = try string(members["name"], in: node, field: field + ".name")
            guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
                throw error(
                    .invalidValue, members["name"] ?? node, field: field + ".name",
                    "must be 1 to 100 characters on one line")
            }
            let apiKey = try digest(members["apiKeyHash"], in: node, field: field + ".apiKeyHash")
            let applicationKey = try digest(members["appKeyHash"], in: node, field: field + ".appKeyHash")
            return APIKey(
                name: name, apiKey: apiKey, applicationKey: applicationKey,
                scopes: try scopes(members["scopes"], in: node, field: field + ".scopes"))
        }

        func string(_ node: Node?, in parent: Node, field: String) throws(KeysFileError) -> String {
            guard let node else { throw error(.missingField, parent, field: field, "missing") }
            guard let scalar = node.scalar else { throw error(.invalidValue, node, field: field, "must be a string") }
            return scalar.string
        }

        func digest(_ node: Node?, in parent: Node, field: String) throws(KeysFileError) -> KeyDigest {
            let text = try string(node, in: parent, field: field)
            guard let digest = KeyDigest(text) else {
                // The value may be a key pasted in clear: it is never repeated in the message.
                let hint =
                    text.hasPrefix(KeyDigest.prefix)
                    ? "a digest is \"sha256:\" and 64 hex digits"
                    : "store the key's SHA-256 digest, not the key: `stepwise keys hash` prints it"
                throw error(.invalidValue, node ?? parent, field: field, "not a sha256:<hex> digest (\(hint))")
            }
            return digest
        }

        func scopes(_ node: Node?, in parent: Node, field: String) throws(KeysFileError) -> Set<APIScope> {
            guard let node else { throw error(.missingField, parent, field: field, "missing") }
            guard let items = node.sequence, !items.isEmpty else {
                throw error(.invalidValue, node, field: field, "must be a list of at least one scope")
            }
            var scopes: Set<APIScope> = []
            for (index, item) in items.enumerated() {
                guard let name = item.scalar?.string, let scope = APIScope(rawValue: name) else {
                    let shown = item.scalar.map { "\"\($0.string)\"" } ?? "this value"
                    throw error(
                        .invalidValue, item, field: "\(field)[\(index)]",
                        "\(shown) is not a scope (expected \(APIScope.namesList))")
                }
                scopes.insert(scope)
            }
            return scopes
        }
    }
}
