import Foundation

/// The shared AWS files: `~/.aws/credentials` (sections `[name]`) and `~/.aws/config` (sections
/// `[profile name]`, and `[default]`), or the files `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` name.
public struct AWSSharedFiles: Sendable, Hashable {
    /// Settings by profile name, then by key (`aws_access_key_id`, `region`, `role_arn`, …); the credentials
    /// file wins over the config file for a key both give.
    public var profiles: [String: [String: String]]

    public init(profiles: [String: [String: String]] = [:]) { self.profiles = profiles }

    /// Reads the files the environment points at (missing files are empty).
    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        self.init(credentials: read(credentialsPath), config: read(configPath))
    }

    /// Parses the two files' text.
    public init(credentials: String, config: String) {
        var profiles: [String: [String: String]] = [:]
        for (section, values) in Self.sections(config) {
            let name = section.hasPrefix("profile ") ? String(section.dropFirst(8)).trimmed : section
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        for (section, values) in Self.sections(credentials) {
            profiles[section, default: [:]].merge(values) { _, new in new }
        }
        self.profiles = profiles
    }

    /// `[section]` headers and `key = value` lines; `#` and `;` start comments; indented lines (nested
    /// settings such as `s3 =` blocks) are skipped.
    static func sections(_ text: String) -> [(String, [String: String])] {
        var result: [(String, [String: String])] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let content = line.trimmed
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }
            if content.hasPrefix("["), content.hasSuffix("]") {
                result.append((String(content.dropFirst().dropLast()).trimmed, [:]))
                continue
            }
            guard let first = line.first, first != " ", first != "\t", !result.isEmpty,
                let equals = content.firstIndex(of: "=")
            else { continue }
            let key = String(content[..<equals]).trimmed.lowercased()
            let value = String(content[content.index(after: equals)...]).trimmed
            result[result.count - 1].1[key] = value
        }
        return result
    }
}

extension String {
    /// The text without leading and trailing whitespace.
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
