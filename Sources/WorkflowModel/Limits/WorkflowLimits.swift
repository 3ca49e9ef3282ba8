/// The bounds Stepwise puts on one workflow and one instance, so that a small spec cannot make a run use
/// gigabytes (docs/limits.md lists each with its source and what a user sees when it is hit).
///
/// Spec limits are checked by validation (an error naming the limit and where it is broken); run limits are
/// checked by the runtime (the step or the instance fails with a message naming the limit).
public enum WorkflowLimits {
    /// Steps in one workflow above which the spec is refused without checking it further. Datadog allows 100
    /// (more is a warning); Stepwise accepts up to the 10,000-step specs its own tests and benchmarks validate.
    public static let maximumSteps = 10_000

    /// The longest step name, branch name, or input/output parameter name, in characters. Names are repeated in
    /// every journal entry, loop iteration and template, so their length multiplies.
    public static let maximumNameLength = 256

    /// The largest rendered inputs and the largest outputs one step attempt may have, in bytes of JSON: Datadog's
    /// published 15 MB limit on action inputs and outputs.
    public static let maximumStepPayloadBytes = 15_000_000

    /// The most journal bytes (rendered inputs, outputs, errors and names of every entry) one instance may write;
    /// the instance fails once a turn takes it beyond: 64 MiB.
    public static let journalBytesPerInstance = 64 << 20
}
