import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The JSON bodies of Datadog's instance endpoints, built from an instance summary.
public enum InstanceResource {
    /// `GET /api/v2/workflows/{id}/instances/{instance_id}`.
    public static func getBody(_ instance: InstanceSummary) -> JSONValue {
        var attributes: [String: JSONValue] = [
            "instanceStatus": status(instance.status),
            "outputs": instance.outputs,
            "source": source(instance),
            "sourceForTemplating": instance.source,
            "startTimestamp": .string(APITimestamp.string(from: instance.startedAt)),
            "stepStateAssociations": .array(
                instance.steps.map { step in
                    var association: [String: JSONValue] = [
                        "stepName": .string(step.name), "stepState": .string(step.state.rawValue),
                    ]
                    // Loop body steps have one entry per iteration (docs/loops.md).
                    if let iteration = step.iteration { association["iteration"] = .number(Double(iteration)) }
                    return .object(association)
                }),
            "trigger": instance.inputs,
        ]
        if let endedAt = instance.endedAt {
            attributes["endTimestamp"] = .string(APITimestamp.string(from: endedAt))
        }
        if let error = instance.error {
            var detail: [String: JSONValue] = ["code": .string(error.code), "message": .string(error.message)]
            if let step = error.step { detail["stepName"] = .string(step) }
            attributes["errorDetail"] = .object(detail)
        }
        return [
            "data": [
                "attributes": .object(attributes),
                "id": .string(instance.id),
                "relationships": [
                    "workflow": ["data": ["id": .string(instance.workflowId), "type": "workflows"]]
                ],
                "type": "instances",
            ]
        ]
    }

    /// One item of `GET /api/v2/workflows/{id}/instances`.
    public static func listItem(_ instance: InstanceSummary) -> JSONValue {
        var attributes: [String: JSONValue] = [
            "instanceStatus": status(instance.status),
            "source": source(instance),
            "startTimestamp": .string(APITimestamp.string(from: instance.startedAt)),
        ]
        if let endedAt = instance.endedAt {
            attributes["endTimestamp"] = .string(APITimestamp.string(from: endedAt))
        }
        return ["attributes": .object(attributes), "id": .string(instance.id), "type": "instances"]
    }

    /// `GET /api/v2/workflows/{id}/instances`: a page of instances with the counts Datadog returns.
    public static func listBody(_ page: InstancePage) -> JSONValue {
        [
            "data": .array(page.instances.map(listItem)),
            "meta": [
                "canceledCount": .number(Double(page.canceledCount)),
                "failedCount": .number(Double(page.failedCount)),
                "page": [
                    "totalCount": .number(Double(page.totalCount)),
                    "totalFilteredCount": .number(Double(page.totalCount)),
                ],
                "succeededCount": .number(Double(page.succeededCount)),
            ],
        ]
    }

    /// `instanceStatus`: `{detailsKind, displayName}`.
    public static func status(_ status: InstanceStatus) -> JSONValue {
        ["detailsKind": .string(status.rawValue), "displayName": .string(status.displayName)]
    }

    /// `source`: the source kind as the only member (`{"manual": {}}`), as Datadog records it.
    static func source(_ instance: InstanceSummary) -> JSONValue {
        .object([instance.sourceKind: .emptyObject])
    }
}
