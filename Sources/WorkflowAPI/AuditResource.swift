import WorkflowModel
import WorkflowStore

/// The audit trail as `GET /api/v2/stepwise/audit` answers it and `stepwise audit list --json` prints it:
/// `{"data":[{"id":"<sequence>","type":"audit_entries","attributes":{time, key, method, route, target, status}}]}`,
/// newest first.
public enum AuditResource {
    /// The body of a list of entries.
    public static func listBody(_ entries: [AuditEntry]) -> JSONValue {
        ["data": .array(entries.map(item))]
    }

    /// One entry (`key` and `target` are `null` when unknown).
    public static func item(_ entry: AuditEntry) -> JSONValue {
        [
            "id": .string(String(entry.sequence)),
            "type": "audit_entries",
            "attributes": [
                "time": .string(APITimestamp.string(from: entry.time)),
                "key": entry.keyName.map(JSONValue.string) ?? .null,
                "method": .string(entry.method),
                "route": .string(entry.route),
                "target": entry.target.map(JSONValue.string) ?? .null,
                "status": .number(Double(entry.status)),
            ],
        ]
    }
}
