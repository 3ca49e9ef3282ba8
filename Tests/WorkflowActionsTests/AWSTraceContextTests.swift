import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

/// AWS steps carry their span's W3C trace context like HTTP steps: `traceparent` and `tracestate` reach the
/// endpoint (a local server standing in for AWS, echoing what it got), outside the signature.
@Suite("AWS trace context")
struct AWSTraceContextTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// Runs ECS `DescribeTaskDefinition` against `server`'s `/echo` route and returns the headers it received.
    static func echoedHeaders(
        _ server: TestHTTPServer, traceHeaders: [String: String]
    ) async throws -> [String: JSONValue] {
        let action = AWSAction(
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": server.url("/echo"), "HOME": "/nonexistent",
            ])
        var invocation = ActionInvocation(
            stepName: "Describe", actionId: "com.datadoghq.aws.ecs.describeTaskDefinition",
            inputs: ["taskDefinition": "web:1"])
        invocation.traceHeaders = traceHeaders
        let result = try await action.run(invocation)
        return try #require(result.outputs["headers"]?.objectValue)
    }

    @Test("traceparent and tracestate are sent, and not signed")
    func sent() async throws {
        try await TestHTTPServer.with { server in
            let headers = try await Self.echoedHeaders(
                server, traceHeaders: ["traceparent": Self.traceparent, "tracestate": "dd=s:1"])
            #expect(headers["traceparent"] == .string(Self.traceparent))
            #expect(headers["tracestate"] == .string("dd=s:1"))
            let authorization = try #require(headers["authorization"]?.stringValue)
            #expect(authorization.contains("SignedHeaders="))
            #expect(!authorization.contains("traceparent"))
        }
    }

    @Test("without tracing no trace header is sent")
    func absent() async throws {
        try await TestHTTPServer.with { server in
            let headers = try await Self.echoedHeaders(server, traceHeaders: [:])
            #expect(headers["traceparent"] == nil)
            #expect(headers["x-amz-target"] == .string("AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition"))
        }
    }
}
