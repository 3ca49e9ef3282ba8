/// One key pair clients may present, with its name and what it may do.
public struct APIKey: Sendable, Hashable {
    /// The name recorded in the audit trail and in the instances it starts (never the key itself).
    public var name: String
    /// The digest of the `DD-API-KEY` it needs; `nil`: any.
    public var apiKey: KeyDigest?
    /// The digest of the `DD-APPLICATION-KEY` it needs; `nil`: any.
    public var applicationKey: KeyDigest?
    /// What it may do.
    public var scopes: Set<APIScope>

    /// Creates a key.
    public init(name: String, apiKey: KeyDigest?, applicationKey: KeyDigest?, scopes: Set<APIScope>) {
        self.name = name
        self.apiKey = apiKey
        self.applicationKey = applicationKey
        self.scopes = scopes
    }

    /// Whether this key may make a request that needs `access`.
    public func allows(_ access: RouteAccess) -> Bool {
        switch access {
        case .scope(let scope): scopes.contains(scope)
        case .everyScope: scopes.isSuperset(of: APIScope.allCases)
        case .signed, .anyKey: true
        }
    }

    /// The first scope `access` needs that this key lacks, for the refusal's message.
    func missingScope(for access: RouteAccess) -> String {
        switch access {
        case .scope(let scope): scope.rawValue
        default: APIScope.allCases.sorted().filter { !scopes.contains($0) }.map(\.rawValue).joined(separator: ", ")
        }
    }
}
