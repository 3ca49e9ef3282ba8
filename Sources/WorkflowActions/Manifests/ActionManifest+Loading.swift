import Foundation
import WorkflowModel

extension ActionManifest {
    /// Reads one manifest file; its name must be `<actionId>.json`.
    /// - Throws: ``ManifestError`` naming the file.
    public static func load(file path: String) throws(ManifestError) -> ActionManifest {
        let json: JSONValue
        do {
            json = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ManifestError(.unreadable, "\(path): \(error)")
        }
        let manifest: ActionManifest
        do {
            manifest = try ActionManifest(json: json)
        } catch {
            throw ManifestError(error.code, "\(path): \(error.message)")
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        guard fileName == manifest.actionId + ".json" else {
            throw ManifestError(
                .malformed,
                "\(path): the file of action \"\(manifest.actionId)\" must be named \(manifest.actionId).json")
        }
        return manifest
    }

    /// Reads every `*.json` file of `directory` (not its subdirectories), in name order.
    /// - Throws: ``ManifestError`` for an unreadable directory or the first bad file.
    public static func load(directory path: String) throws(ManifestError) -> [ActionManifest] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ManifestError(.unreadable, "cannot read the actions directory \(path)")
        }
        var manifests: [ActionManifest] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            manifests.append(try load(file: URL(fileURLWithPath: path).appendingPathComponent(name).path))
        }
        return manifests
    }
}
