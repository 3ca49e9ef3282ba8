import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

@Suite("Run pages")
struct RunPageTests {
    @Test("/runs lists recent instances and /runs/{id} serves the run report")
    func pages() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiEcho)
            let id = try await api.execute(workflowId, payload: ["input": "<hello>"])
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let list = try await api.send(.get, "/runs")
            #expect(list.status == 200)
            #expect(list.contentType == "text/html; charset=utf-8")
            #expect(list.text.contains("<a href=\"/runs/\(id)\">"))
            let page = try await api.send(.get, "/runs/\(id)")
            #expect(page.status == 200)
            #expect(page.text.hasPrefix("<!DOCTYPE html>"))
            #expect(page.text.contains("data-step=\"Echo\""))
            #expect(page.text.contains("&lt;hello&gt;"))
            #expect(!page.text.contains("<hello>"))
            let missing = try await api.send(.get, "/runs/00000000-0000-0000-0000-000000000000")
            #expect(missing.status == 404)
        }
    }

    @Test("with keys configured, the pages need them too")
    func auth() async throws {
        try await ServerHarness(configuration: .init(apiKey: "api", applicationKey: "app")).withClient { api in
            let reply = try await api.send(.get, "/runs")
            #expect(reply.status == 403)
        }
    }
}
