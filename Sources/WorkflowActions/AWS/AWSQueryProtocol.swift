import Foundation
import WorkflowModel

/// The query protocol (IAM, STS, EC2, Auto Scaling): parameters flattened into a form body, XML answers.
public enum AWSQueryProtocol {
    /// EC2 query names that differ from the SDK member name (`Filters[].Values` is sent as `Value.N`).
    static let ec2Names: [String: String] = ["Values": "Value", "UserIdGroupPairs": "Groups"]

    /// EC2 XML names that differ from the SDK member name once capitalised.
    static let ec2ResponseNames: [String: String] = [
        "instanceState": "State", "ipAddress": "PublicIpAddress", "dnsName": "PublicDnsName",
        "blockDeviceMapping": "BlockDeviceMappings", "return": "Return",
    ]

    /// The form body's items for `operation` with `parameters` (wire names → values).
    public static func items(
        operation: String, version: String, parameters: [(String, JSONValue)], ec2Style: Bool
    ) -> [AWSRequest.QueryItem] {
        var items = [AWSRequest.QueryItem("Action", operation), AWSRequest.QueryItem("Version", version)]
        for (name, value) in parameters { flatten(value, prefix: name, ec2Style: ec2Style, into: &items) }
        return items
    }

    /// `Name.member.N` lists (`Name.N` in EC2 style), `Name.Field` objects; nulls are left out.
    static func flatten(_ value: JSONValue, prefix: String, ec2Style: Bool, into items: inout [AWSRequest.QueryItem]) {
        switch value {
        case .null: return
        case .bool(let flag): items.append(AWSRequest.QueryItem(prefix, flag ? "true" : "false"))
        case .number(let number): items.append(AWSRequest.QueryItem(prefix, JSONValue.format(number: number)))
        case .string(let text): items.append(AWSRequest.QueryItem(prefix, text))
        case .array(let elements):
            if elements.isEmpty, !ec2Style { items.append(AWSRequest.QueryItem(prefix, "")) }
            for (index, element) in elements.enumerated() {
                let name = ec2Style ? "\(prefix).\(index + 1)" : "\(prefix).member.\(index + 1)"
                flatten(element, prefix: name, ec2Style: ec2Style, into: &items)
            }
        case .object(let members):
            for key in members.keys.sorted() {
                let wire = capitalized(key)
                let name = ec2Style ? (ec2Names[wire] ?? wire) : wire
                flatten(members[key] ?? .null, prefix: "\(prefix).\(name)", ec2Style: ec2Style, into: &items)
            }
        }
    }

    /// The request for `items` at `endpoint`: a form-encoded POST to `/`.
    public static func request(items: [AWSRequest.QueryItem], endpoint: AWSEndpoint) -> AWSRequest {
        // A space as `+`, as AWS's SDKs send forms (an encoded `%` is `%25`, so `%20` only ever stands for a space).
        let body = URLFormEncoding.encode(items.map { (name: $0.name, value: $0.value) })
            .replacingOccurrences(of: "%20", with: "+")
        return AWSRequest(
            method: "POST", scheme: endpoint.scheme, host: endpoint.host, path: endpoint.basePath + "/",
            headers: [AWSRequest.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8))
    }

    /// The members of `<OperationResult>` (or, in EC2, of the response element) as JSON in the SDK's names,
    /// and the request id.
    /// - Throws: ``ActionError`` when the body is not XML.
    public static func result(
        of response: AWSResponse, operation: String, ec2Style: Bool
    ) throws(ActionError) -> (members: [String: JSONValue], requestId: String?) {
        let root = try AWSXML.parse(response.body)
        let requestId = root["ResponseMetadata"]?["RequestId"]?.text ?? root["requestId"]?.text ?? response.requestId
        var result = root["\(operation)Result"] ?? root
        result.children.removeAll { $0.name == "ResponseMetadata" || $0.name == "requestId" }
        var members: [String: JSONValue] = [:]
        if !result.children.isEmpty {
            let json = ec2Style ? result.json(rename: ec2Name) : result.json()
            members = json.objectValue ?? [:]
        }
        return (members, requestId)
    }

    /// An EC2 XML name as the SDK names it: `instancesSet` → `Instances`, `groupSet` → `Groups`.
    static func ec2Name(_ name: String) -> String {
        if let known = ec2ResponseNames[name] { return known }
        guard name.hasSuffix("Set"), name.count > 3 else { return capitalized(name) }
        let base = String(name.dropLast(3))
        return capitalized(base.hasSuffix("s") ? base : base + "s")
    }

    /// `userName` → `UserName`.
    public static func capitalized(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    /// `UserName` → `userName`, `ETag` → `eTag`: the first letter in lower case, as Datadog's outputs name
    /// AWS's response members.
    public static func lowerCamel(_ name: String) -> String { name.prefix(1).lowercased() + name.dropFirst() }
}
