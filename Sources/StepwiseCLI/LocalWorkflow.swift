import Foundation
import WorkflowModel
import WorkflowStore

/// A workflow file run from the command line, recorded in the database so its instances can be listed and
/// resumed: the same file always maps to the same workflow id, and each change of its spec is a new version.
enum LocalWorkflow {
    /// Creates or updates the stored workflow for `file`; returns it with the version the run pins.
    static func record(
        file: String, name: String, description: String?, spec: WorkflowSpec, submittedSpec: JSONValue,
        in store: any DefinitionStore
    ) async throws(StoreError) -> StoredWorkflow {
        let id = stableID(for: URL(fileURLWithPath: file).standardizedFileURL.path)
        let now = Date()
        if var existing = try await store.workflow(id: id) {
            guard existing.workflow.submittedSpec != submittedSpec || existing.workflow.name != name else {
                return existing
            }
            existing.workflow.name = name
            existing.workflow.spec = spec
            existing.workflow.submittedSpec = submittedSpec
            existing.workflow.updatedAt = now
            return try await store.update(existing.workflow)
        }
        let workflow = Workflow(
            id: id, name: name, description: description ?? "", published: false, spec: spec,
            submittedSpec: submittedSpec, createdAt: now, updatedAt: now)
        do {
            return try await store.create(workflow)
        } catch  where error.code == .duplicate {
            // Another stepwise process recorded the same file a moment ago: use (or update) its record.
            return try await record(
                file: file, name: name, description: description, spec: spec, submittedSpec: submittedSpec, in: store)
        }
    }

    /// A lowercase UUID (version 4 layout) derived from `text` with two 64-bit FNV-1a hashes.
    static func stableID(for text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        var bytes = withUnsafeBytes(of: fnv(0xcbf2_9ce4_8422_2325).bigEndian, Array.init)
        bytes += withUnsafeBytes(of: fnv(0x8422_2325_cbf2_9ce4).bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                hex[
                    hex.index(
                        hex.startIndex, offsetBy: range.lowerBound)..<hex.index(
                            hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}
