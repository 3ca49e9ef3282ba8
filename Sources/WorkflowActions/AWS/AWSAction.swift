import Foundation
import WorkflowModel

/// Runs the AWS actions of ``AWSActionCatalog``: resolves the step's credentials, region and endpoint
/// (``AWSContext``), assumes the connection's role if it names one, builds the request the table describes,
/// signs it with SigV4 and maps the response to the documented outputs.
///
/// A step fails with `INVALID_INPUT` for a missing input or missing credentials, and with `FAILED` naming the
/// operation, the HTTP status and AWS's error code and message when AWS refuses (`AWS iam:GetUser failed
/// (HTTP 404 NoSuchEntity): …`). Secrets never appear in outputs or messages.
public struct AWSAction: Action {
    private let client: AWSClient
    private let environment: [String: String]
    private let files: AWSSharedFiles?

    /// - Parameters:
    ///   - client: signs and sends the requests.
    ///   - environment: the `AWS_*` variables and `HOME` (the process environment unless given).
    ///   - files: the shared AWS files (read from `environment` at each step unless given).
    public init(
        client: AWSClient = AWSClient(), environment: [String: String] = ProcessInfo.processInfo.environment,
        files: AWSSharedFiles? = nil
    ) {
        self.client = client
        self.environment = environment
        self.files = files
    }

    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        guard let definition = AWSActionCatalog.definition(invocation.actionId) else {
            throw ActionError(.unsupported, "\(invocation.actionId) is not an AWS action Stepwise knows")
        }
        let call = try AWSCall(definition: definition, inputs: invocation.inputs)
        var context = try await resolveContext(for: invocation)
        context.traceHeaders = invocation.traceHeaders
        do {
            switch definition.composite {
            case .disableUser?: return try await disableUser(call, context: context)
            case .addToIPSet?: return try await addToIPSet(call, context: context)
            case nil:
                let region = call.region ?? context.region
                let response = try await send(
                    call.request(
                        operation: definition.operation,
                        endpoint: context.endpoint(for: definition.service, region: region)),
                    definition.service, definition.operation, context: context, region: region)
                return ActionResult(outputs: try call.outputs(of: response))
            }
        } catch let error as AWSError {
            throw error.actionError
        } catch let error as ActionError {
            throw error
        } catch {
            throw ActionError(.failed, "\(error)")
        }
    }

    /// The step's context, with the connection's or profile's role assumed.
    private func resolveContext(for invocation: ActionInvocation) async throws(ActionError) -> AWSContext {
        let settings = invocation.connection?.aws
        let files = self.files ?? AWSSharedFiles(environment: environment)
        let base = try AWSContext.resolve(settings: settings, environment: environment, files: files)
        guard let role = AWSContext.role(settings: settings, environment: environment, files: files) else {
            return base
        }
        do {
            return try await base.assumingRole(
                role.arn, externalId: role.externalId, sessionName: role.sessionName ?? "stepwise", client: client)
        } catch {
            throw error.actionError
        }
    }

    /// Signs and sends one request.
    func send(
        _ request: AWSRequest, _ service: AWSService, _ operation: String, context: AWSContext, region: String
    ) async throws(AWSError) -> AWSResponse {
        try await client.send(
            request, signer: context.signer(for: service, region: region),
            operation: "\(service.signingName):\(operation)", traceHeaders: context.traceHeaders)
    }
}
