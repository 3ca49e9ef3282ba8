import PostgresActions
import WorkflowActions

extension CompositionRoot {
    /// The private action runner's bundles that live in targets of their own: PostgreSQL.
    static func registerBundles(in registry: inout ActionRegistry) {
        registry.registerPostgreSQL()
    }
}
