/// The keys a server accepts.
public struct APIKeyring: Sendable, Hashable {
    /// The name of the one key the `--api-key`/`--app-key` shortcut configures.
    public static let shortcutName = "default"

    /// Every key, in the order of the file.
    public var keys: [APIKey]

    /// A keyring of `keys`.
    public init(keys: [APIKey]) {
        self.keys = keys
    }

    /// The `--api-key`/`--app-key` shortcut: one key named `default` with every scope (a `nil` half matches any
    /// value); no key at all when both are `nil`.
    public static func single(apiKey: String?, applicationKey: String?) -> APIKeyring {
        guard apiKey != nil || applicationKey != nil else { return APIKeyring(keys: []) }
        return APIKeyring(keys: [
            APIKey(
                name: shortcutName, apiKey: apiKey.map(KeyDigest.init(hashing:)),
                applicationKey: applicationKey.map(KeyDigest.init(hashing:)), scopes: Set(APIScope.allCases))
        ])
    }

    /// The key whose two halves match the headers given, if any. Every key is compared in full, in constant time
    /// per digest, so the answer's timing does not depend on which key matched or how much of a key did.
    public func authenticate(apiKey: String?, applicationKey: String?) -> APIKey? {
        let given = (apiKey.map(KeyDigest.init(hashing:)), applicationKey.map(KeyDigest.init(hashing:)))
        var found: APIKey?
        for key in keys {
            let apiMatches = Self.matches(given.0, key.apiKey)
            let applicationMatches = Self.matches(given.1, key.applicationKey)
            if apiMatches && applicationMatches && found == nil { found = key }
        }
        return found
    }

    private static func matches(_ given: KeyDigest?, _ expected: KeyDigest?) -> Bool {
        guard let expected else { return true }
        return expected.matches(given ?? KeyDigest(hashing: "")) && given != nil
    }
}
