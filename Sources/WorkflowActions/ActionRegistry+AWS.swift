extension ActionRegistry {
    /// Registers `action` under every action id of ``AWSActionCatalog`` (docs/aws.md).
    public mutating func registerAWS(_ action: AWSAction = AWSAction()) {
        for definition in AWSActionCatalog.definitions { register(definition.id, action) }
    }
}
