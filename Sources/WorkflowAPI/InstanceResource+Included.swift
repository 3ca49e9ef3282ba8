import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension InstanceResource {
    /// `GET /api/v2/workflows/{id}/instances/{instance_id}` as Datadog answers it: the instance, its pinned spec
    /// version (`relationships.specVersion`, and in `included` with the spec), the workflow in `included`, and
    /// `meta` (`outputsTooBig`, `sourceTooBig`, `triggerTooBig`: always false here).
    public static func getBody(_ instance: InstanceSummary, workflow: Workflow?, version: WorkflowVersion?) -> JSONValue
    {
        guard case .object(var root) = getBody(instance), case .object(var data)? = root["data"],
            case .object(var relationships)? = data["relationships"]
        else { return getBody(instance) }
        var included: [JSONValue] = []
        var specVersionId: String?
        if let version {
            let id = specVersionID(workflowId: version.workflowId, version: version.version)
            specVersionId = id
            relationships["specVersion"] = ["data": ["id": .string(id), "type": "spec_versions"]]
            included.append([
                "attributes": [
                    "createdAt": .string(APITimestamp.string(from: version.createdAt)),
                    "spec": version.submittedSpec,
                    "workflowId": .string(version.workflowId),
                ],
                "id": .string(id),
                "type": "spec_versions",
            ])
        }
        if let workflow {
            var attributes: [String: JSONValue] = [
                "createdAt": .string(APITimestamp.string(from: workflow.createdAt)),
                "creationSource": "stepwise",
                "name": .string(workflow.name),
                "updatedAt": .string(APITimestamp.string(from: workflow.updatedAt)),
            ]
            if let specVersionId { attributes["specVersionId"] = .string(specVersionId) }
            included.append(["attributes": .object(attributes), "id": .string(workflow.id), "type": "workflows"])
        }
        data["relationships"] = .object(relationships)
        root["data"] = .object(data)
        root["included"] = .array(included)
        root["meta"] = ["outputsTooBig": false, "sourceTooBig": false, "triggerTooBig": false]
        return .object(root)
    }

    /// A stable UUID-shaped id for version `version` of a workflow's spec (Datadog's spec versions have UUIDs;
    /// ours are numbered): two FNV-1a hashes of `workflowId/version`, with the UUID v4 version and variant bits.
    public static func specVersionID(workflowId: String, version: Int) -> String {
        let text = Array("\(workflowId)/\(version)".utf8)
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in text {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        var high = fnv(0xcbf2_9ce4_8422_2325)
        var low = fnv(0x8422_2325_cbf2_9ce4)
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = String(format: "%016llx%016llx", high, low)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}
