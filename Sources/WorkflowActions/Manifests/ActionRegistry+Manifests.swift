extension ActionRegistry {
    /// Registers a ``ManifestAction`` per manifest.
    /// - Throws: ``ManifestError`` `.duplicate` when a manifest names an action id that is already registered
    ///   (a built-in action, or an earlier manifest), unless `replacingManifests` and the earlier one is a
    ///   manifest (`--actions DIR` overriding `actions/`).
    public mutating func registerManifests(
        _ manifests: [ActionManifest], http: HTTPAction = HTTPAction(), shell: ShellAction = ShellAction(),
        replacingManifests: Bool = false
    ) throws(ManifestError) {
        for manifest in manifests {
            if let existing = action(for: manifest.actionId), !(replacingManifests && existing is ManifestAction) {
                throw ManifestError(
                    .duplicate, "action \"\(manifest.actionId)\" is already defined (a built-in action or a manifest)")
            }
            register(manifest.actionId, ManifestAction(manifest: manifest, http: http, shell: shell))
        }
    }

    /// The manifest behind `id`, when a manifest implements it.
    public func manifest(for id: String) -> ActionManifest? {
        (action(for: id) as? ManifestAction)?.manifest
    }
}

extension ActionRegistry {
    /// Action id → the connection its manifest's `auth.connection` names, for ``ConnectionResolver/defaultConnections``.
    public var manifestDefaultConnections: [String: String] {
        var result: [String: String] = [:]
        for id in ids {
            if let connection = manifest(for: id)?.auth?.connection { result[id] = connection }
        }
        return result
    }
}
