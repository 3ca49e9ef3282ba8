/// A service whose connection Stepwise knows by its fields (`"type": "github"` in the connections file): which
/// credentials it holds, which are required, and the base URL they imply.
public struct ConnectionService: Sendable, Hashable {
    /// One field of the service's connection.
    public struct Field: Sendable, Hashable {
        /// The name in the connections file, and the credential name manifests read (`Credentials.token`).
        public var name: String
        public var required: Bool
        /// Used when the file does not give the field.
        public var defaultValue: String?
    }

    /// The `type` value.
    public var type: String
    public var fields: [Field]
    /// The base URL, from the fields (after defaults); `baseUrl` in the file overrides it.
    public var baseURL: @Sendable ([String: String]) -> String

    public static func == (left: Self, right: Self) -> Bool { left.type == right.type }
    public func hash(into hasher: inout Hasher) { hasher.combine(type) }

    /// Datadog: `apiKey`, `appKey`, `site` (default `datadoghq.com`; `datadoghq.eu`, `us3.datadoghq.com`, …) →
    /// `https://api.<site>`.
    public static let datadog = ConnectionService(
        type: "datadog",
        fields: [
            Field(name: "apiKey", required: true), Field(name: "appKey", required: true),
            Field(name: "site", required: false, defaultValue: "datadoghq.com"),
        ],
        baseURL: { "https://api.\($0["site"] ?? "datadoghq.com")" })

    /// GitHub: `token`, `apiBaseUrl` (default `https://api.github.com`; GitHub Enterprise:
    /// `https://HOST/api/v3`).
    public static let github = ConnectionService(
        type: "github",
        fields: [
            Field(name: "token", required: true),
            Field(name: "apiBaseUrl", required: false, defaultValue: "https://api.github.com"),
        ],
        baseURL: { $0["apiBaseUrl"] ?? "https://api.github.com" })

    /// Slack: `botToken` (`xoxb-…`) → `https://slack.com`.
    public static let slack = ConnectionService(
        type: "slack", fields: [Field(name: "botToken", required: true)], baseURL: { _ in "https://slack.com" })

    /// Jira Cloud: `siteUrl` (`https://example.atlassian.net`), `email`, `apiToken` (Basic auth).
    public static let jira = ConnectionService(
        type: "jira",
        fields: [
            Field(name: "siteUrl", required: true), Field(name: "email", required: true),
            Field(name: "apiToken", required: true),
        ],
        baseURL: { $0["siteUrl"] ?? "" })

    /// PagerDuty: `routingKey` (Events API v2 integration key), `apiToken` (REST API) →
    /// `https://events.pagerduty.com`.
    public static let pagerduty = ConnectionService(
        type: "pagerduty",
        fields: [Field(name: "routingKey", required: false), Field(name: "apiToken", required: false)],
        baseURL: { _ in "https://events.pagerduty.com" })

    /// GitLab, with the private action runner's token names: `gitlabApiToken`, `baseURL` (default
    /// `https://gitlab.com`; a self-managed instance's root URL).
    public static let gitlab = ConnectionService(
        type: "gitlab",
        fields: [
            Field(name: "gitlabApiToken", required: true),
            Field(name: "baseURL", required: false, defaultValue: "https://gitlab.com"),
        ],
        baseURL: { $0["baseURL"] ?? "https://gitlab.com" })

    /// Jenkins, with the private action runner's token names: `username`, `token` (an API token; Basic auth),
    /// `domain` (the server's root URL, `https://jenkins.example.com`).
    public static let jenkins = ConnectionService(
        type: "jenkins",
        fields: [
            Field(name: "username", required: true), Field(name: "token", required: true),
            Field(name: "domain", required: true),
        ],
        baseURL: { $0["domain"] ?? "" })

    /// The service a runner credential file without a `type` is for, recognised by the runner's token names:
    /// GitLab's `gitlabApiToken`, Jenkins' `domain` with `token`; `nil` for any other file (its requests then have
    /// no base URL).
    public static func recognised(byRunnerTokens tokens: [String: String]) -> ConnectionService? {
        if tokens["gitlabApiToken"] != nil { return gitlab }
        if tokens["domain"] != nil, tokens["token"] != nil { return jenkins }
        return nil
    }

    /// Every known service, by `type`.
    public static let all: [String: ConnectionService] = Dictionary(
        uniqueKeysWithValues: [datadog, github, slack, jira, pagerduty, gitlab, jenkins].map { ($0.type, $0) })
}
