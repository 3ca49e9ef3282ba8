extension ActionRegistry {
    /// Bundles of Datadog's private action runner that Stepwise does not run, by action-id prefix, with the reason.
    public static let outOfScopeBundles: [(prefix: String, reason: String)] = [
        (
            "com.datadoghq.mongodb.",
            "is out of scope in Stepwise: the private action runner's MongoDB bundle (com.datadoghq.mongodb.*) "
                + "needs a MongoDB driver Stepwise does not ship; query the database from a script step instead"
        ),
        (
            "com.datadoghq.temporal.",
            "is out of scope in Stepwise: the private action runner's Temporal bundle (com.datadoghq.temporal.*) "
                + "needs a Temporal gRPC client Stepwise does not ship; use Temporal's HTTP API or CLI from an HTTP "
                + "or script step instead"
        ),
    ]

    /// Why `actionId` is refused, when it belongs to an out-of-scope bundle (``outOfScopeBundles``).
    public static func outOfScopeReason(for actionId: String) -> String? {
        outOfScopeBundles.first { actionId.hasPrefix($0.prefix) }?.reason
    }

    /// What is wrong with step `step` using the unregistered action `actionId`: "step "X" uses action "Y", which
    /// is not available here", or the reason its bundle is out of scope.
    public static func unavailableMessage(step: String, actionId: String) -> String {
        "step \"\(step)\" uses action \"\(actionId)\", which "
            + (outOfScopeReason(for: actionId) ?? "is not available here")
    }
}
