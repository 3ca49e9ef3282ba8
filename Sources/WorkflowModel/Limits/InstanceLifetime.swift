/// Datadog stops every workflow instance seven days after it starts; Stepwise enforces the same limit.
public enum InstanceLifetime {
    /// The longest an instance may run, waits and retries included: seven days.
    public static let maximum: Duration = .seconds(604_800)
}
