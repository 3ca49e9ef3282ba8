import WorkflowModel

extension AWSAction {
    /// `iam.disable_user`: removes every way the user signs in or calls AWS — the console password (login
    /// profile), access keys, signing certificates, SSH public keys, service-specific credentials and MFA
    /// devices — as Datadog's action does. A part the user does not have (`NoSuchEntity`) is skipped.
    func disableUser(_ call: AWSCall, context: AWSContext) async throws -> ActionResult {
        let user: (String, JSONValue) = ("UserName", call.inputs["userName"] ?? .null)
        let region = context.region
        let endpoint = context.endpoint(for: .iam, region: region)
        func iam(_ operation: String, _ members: [(String, JSONValue)]) async throws -> [String: JSONValue] {
            let request = try call.request(operation: operation, endpoint: endpoint, members: members)
            let response = try await send(request, .iam, operation, context: context, region: region)
            return try AWSQueryProtocol.result(of: response, operation: operation, ec2Style: false).members
        }
        func ignoringMissing(_ body: () async throws -> Void) async throws {
            do { try await body() } catch let error as AWSError where error.code == "NoSuchEntity" {}
        }
        try await ignoringMissing { _ = try await iam("DeleteLoginProfile", [user]) }
        let parts: [(list: String, listKey: String, delete: String, idKey: String)] = [
            ("ListAccessKeys", "AccessKeyMetadata", "DeleteAccessKey", "AccessKeyId"),
            ("ListSigningCertificates", "Certificates", "DeleteSigningCertificate", "CertificateId"),
            ("ListSSHPublicKeys", "SSHPublicKeys", "DeleteSSHPublicKey", "SSHPublicKeyId"),
            (
                "ListServiceSpecificCredentials", "ServiceSpecificCredentials", "DeleteServiceSpecificCredential",
                "ServiceSpecificCredentialId"
            ),
        ]
        for part in parts {
            let listed = try await iam(part.list, [user])
            for item in listed[part.listKey]?.arrayValue ?? [] {
                guard let id = item[part.idKey] else { continue }
                try await ignoringMissing { _ = try await iam(part.delete, [user, (part.idKey, id)]) }
            }
        }
        let devices = try await iam("ListMFADevices", [user])
        for device in devices["MFADevices"]?.arrayValue ?? [] {
            guard let serial = device["SerialNumber"] else { continue }
            try await ignoringMissing { _ = try await iam("DeactivateMFADevice", [user, ("SerialNumber", serial)]) }
            if serial.stringValue?.contains(":mfa/") == true {
                try await ignoringMissing { _ = try await iam("DeleteVirtualMFADevice", [("SerialNumber", serial)]) }
            }
        }
        return ActionResult(outputs: .emptyObject)
    }

    /// `wafv2.add_to_ip_set`: reads the IP set, adds the addresses it lacks and writes it back with the lock
    /// token. Region `Global (Cloudfront)` (or scope `CLOUDFRONT`) means a CloudFront IP set, called in
    /// `us-east-1`.
    func addToIPSet(_ call: AWSCall, context: AWSContext) async throws -> ActionResult {
        let global = call.region?.lowercased().hasPrefix("global") == true || call.inputs["scope"] == "CLOUDFRONT"
        let region = global ? "us-east-1" : (call.region ?? context.region)
        let scope: JSONValue = global ? "CLOUDFRONT" : "REGIONAL"
        let adding: [String]
        switch call.inputs["addressesToAdd"] {
        case .array(let items)?: adding = items.compactMap(\.stringValue)
        case .string(let text)?: adding = text.split(whereSeparator: { $0 == "," || $0.isNewline }).map(String.init)
        default: throw ActionError(.invalidInput, "input \"addressesToAdd\" must be a list of CIDR strings")
        }
        let endpoint = context.endpoint(for: .wafv2, region: region)
        let identity: [(String, JSONValue)] = [
            ("Name", call.inputs["ipSetName"] ?? .null), ("Scope", scope), ("Id", call.inputs["ipSetId"] ?? .null),
        ]
        let read = try await send(
            try call.request(operation: "GetIPSet", endpoint: endpoint, members: identity), .wafv2, "GetIPSet",
            context: context, region: region)
        let current = try call.outputs(of: read)
        let existing = current["iPSet"]?["Addresses"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let addresses = existing + adding.filter { !existing.contains($0) }
        var members = identity
        members.append(("Addresses", .array(addresses.map(JSONValue.string))))
        members.append(("LockToken", current["lockToken"] ?? .null))
        let written = try await send(
            try call.request(operation: "UpdateIPSet", endpoint: endpoint, members: members), .wafv2, "UpdateIPSet",
            context: context, region: region)
        return ActionResult(outputs: try call.outputs(of: written))
    }
}
