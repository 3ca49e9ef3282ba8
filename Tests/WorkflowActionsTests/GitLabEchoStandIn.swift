import WorkflowModel
import WorkflowTestSupport

/// A GitLab stand-in for suites that check each id's request and output shape: it answers as GitLab's REST API v4
/// documents the generic cases — 401 without the token, GitLab's 404 message where `notFound` gives one, 204 for a
/// DELETE — and otherwise echoes the request (`method`, `body`, `query`), in a list for a GET whose path ends with
/// one of `lists`, with 201 for a POST.
enum GitLabEchoStandIn {
    static func handler(
        token: String, lists: [String], notFound: @escaping @Sendable (String) -> String?
    ) -> @Sendable (StandInServer.Request) -> StandInServer.Response {
        { request in
            guard request.headers["private-token"] == token else {
                return .json(["message": "401 Unauthorized"], status: 401)
            }
            if let message = notFound(request.path) { return .json(["message": .string(message)], status: 404) }
            if request.method == "DELETE" {
                return StandInServer.Response(status: 204, contentType: "application/json", body: [])
            }
            let echo: JSONValue = [
                "method": .string(request.method), "body": request.json, "query": .string(request.query),
            ]
            if request.method == "GET", lists.contains(where: { request.path.hasSuffix($0) }) { return .json([echo]) }
            return .json(echo, status: request.method == "POST" ? 201 : 200)
        }
    }
}
