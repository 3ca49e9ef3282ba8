import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowEngine
import WorkflowGraphics
import WorkflowModel
import WorkflowStore

/// `/runs` (recent instances) and `/runs/{instance_id}` (the HTML run report of one instance): pages for a
/// browser. They sit behind the same key check as the API when keys are configured.
struct RunPageController: Sendable {
    let environment: ServerEnvironment

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.get("/runs") { _, _ in await list() }
        router.get("/runs/:instance_id") { _, context in await page(context.parameters.get("instance_id") ?? "") }
    }

    /// The 50 most recent instances, newest first, each linking to its report.
    func list() async -> Response {
        let page: InstancePage
        do {
            page = try await environment.instances.list(InstanceQuery(pageNumber: 0, pageSize: 50))
        } catch {
            environment.logger.error("store failure: \(error)")
            return Self.html(Self.message("The store failed."), status: .internalServerError)
        }
        var rows = ""
        for instance in page.instances {
            let id = HTMLText.escape(instance.id)
            rows +=
                "<tr><td><a href=\"/runs/\(id)\">\(id)</a></td><td>\(HTMLText.escape(instance.status.rawValue))</td>"
            rows += "<td>\(HTMLText.escape(instance.workflowId))</td>"
            rows += "<td>\(HTMLText.escape(RunReport.timestamp(instance.startedAt)))</td></tr>"
        }
        let body = """
            <h1>Recent runs</h1><table><tr><th>instance</th><th>status</th><th>workflow</th><th>started</th></tr>
            \(rows)</table>
            """
        return Self.html(Self.document(title: "Recent runs", body: body))
    }

    /// The run report of one instance, with the spec version it ran.
    func page(_ instanceId: String) async -> Response {
        do {
            guard let summary = try await environment.instances.instance(id: instanceId.lowercased()),
                let stored = try await environment.definitions.workflow(id: summary.workflowId)
            else {
                return Self.html(Self.message("No run \(instanceId)."), status: .notFound)
            }
            var spec = stored.workflow.spec
            if let number = summary.workflowVersion,
                let version = try await environment.definitions.version(number, of: summary.workflowId)
            {
                spec = version.spec
            }
            let journal = try await environment.instances.journal(instance: summary.id)
            let report = RunReport(title: stored.workflow.name, spec: spec, summary: summary, journal: journal)
            return Self.html(report.html())
        } catch {
            environment.logger.error("store failure: \(error)")
            return Self.html(Self.message("The store failed."), status: .internalServerError)
        }
    }

    static func message(_ text: String) -> String {
        document(title: text, body: "<p>\(HTMLText.escape(text)) <a href=\"/runs\">Recent runs</a></p>")
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
        <style>body{font-family:Helvetica,Arial,sans-serif;margin:24px}td,th{padding:2px 10px;text-align:left}</style>
        </head><body>\(body)</body></html>

        """
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
