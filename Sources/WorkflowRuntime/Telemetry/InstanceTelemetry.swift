import CoreMetrics
import Tracing
import WorkflowEngine
import WorkflowModel

/// One run's metrics and spans: a span for the instance, a span per step attempt (ended when the journal says how
/// the attempt went), and the counters the journal's events feed.
///
/// Used by the run loop only (one task), never shared: not `Sendable`. The handlers and span names come from the
/// plan's shared ``PlanTelemetry``, so an event costs no registry lookup.
final class InstanceTelemetry {
    /// A step attempt in flight: which step, when it was dispatched, and its span.
    private struct Attempt {
        var step: Int
        /// When it was dispatched (`nil` without metrics: only the duration histogram reads it).
        var started: ContinuousClock.Instant?
        var span: (any Span)?
    }

    private let metrics: RuntimeMetrics?
    private let tracer: (any Tracer)?
    private let shared: PlanTelemetry
    private let instanceSpan: (any Span)?
    /// The attributes every span of the instance carries.
    private let instanceAttributes: SpanAttributes
    private var attempts: [String: Attempt] = [:]
    /// Whether each step's action is a dry run's mock.
    private let mocked: [Bool]

    /// Starts the instance's span (continuing `parent`, injected trace headers, when given) and counts the
    /// instance as running; a first start (`resumed` false) also counts as started. Steps whose `mocked` flag is
    /// set (a dry run's mocks) are marked on their spans.
    init(
        _ telemetry: Telemetry, plan: ExecutionPlan, instanceId: String, parent: [String: String], resumed: Bool,
        mocked: [Bool] = []
    ) {
        self.metrics = telemetry.metrics
        self.tracer = telemetry.tracer
        self.mocked = mocked
        let shared =
            telemetry.plans?.telemetry(for: plan) ?? PlanTelemetry(plan: plan, factory: telemetry.metricsFactory)
        self.shared = shared
        if let metrics = telemetry.metrics {
            if !resumed { shared.workflow?.instanceStarted() }
            metrics.running.increment(by: 1)
        }
        var attributes = SpanAttributes()
        if let tracer = telemetry.tracer {
            attributes["stepwise.workflow.id"] = plan.workflowId
            attributes["stepwise.workflow.name"] = plan.workflowName
            attributes["stepwise.instance.id"] = instanceId
            var context = ServiceContext.topLevel
            if !parent.isEmpty { tracer.extract(parent, into: &context, using: TraceHeaders()) }
            let span = tracer.startSpan(shared.runSpanName, context: context, ofKind: .internal)
            var own = attributes
            if resumed { own["stepwise.instance.resumed"] = true }
            if telemetry.dryRun { own["stepwise.dry_run"] = true }
            span.attributes = own
            self.instanceSpan = span
        } else {
            self.instanceSpan = nil
        }
        self.instanceAttributes = attributes
    }

    /// A step attempt starts: its span begins. Returns the trace headers for the attempt's action (empty without
    /// a tracer) and the context its action runs in (so its log lines carry the span's ids).
    func attemptStarted(step: Int, attempt: Int) -> (headers: [String: String], context: ServiceContext?) {
        let name = shared.plan.steps[step].name
        var span: (any Span)?
        var headers: [String: String] = [:]
        if let tracer, let instanceSpan {
            let started = tracer.startSpan(
                shared.stepSpanNames[step], context: instanceSpan.context, ofKind: .internal)
            // A span the sampler dropped records nothing: its attributes are not built.
            if started.isRecording {
                var attributes = instanceAttributes
                attributes["stepwise.step.name"] = name
                attributes["stepwise.action.id"] = shared.plan.steps[step].actionId
                attributes["stepwise.step.attempt"] = attempt
                if mocked.indices.contains(step), mocked[step] { attributes["stepwise.step.mocked"] = true }
                started.attributes = attributes
            }
            tracer.inject(started.context, into: &headers, using: TraceHeaders())
            span = started
        }
        let started = metrics == nil ? nil : ContinuousClock.now
        if let earlier = attempts.updateValue(Attempt(step: step, started: started, span: span), forKey: name) {
            earlier.span?.end()
        }
        return (headers, span?.context)
    }

    /// Feeds one scheduler transition's journal events to the counters and the attempts' spans, as the run
    /// records them (so an inline step that runs again in the same turn, in a loop, is seen once per attempt);
    /// attempts whose result the transition holds end.
    func observe(_ events: [InstanceEvent]) {
        guard !events.isEmpty else { return }
        var ended: [String] = []
        for event in events {
            switch event {
            case .stepAttemptFailed(let step, _, let failure):
                mark(step, outcome: "retrying", failure: failure)
                ended.append(step)
            case .stepAttemptOutputs(let step, _, _, _):
                mark(step, outcome: "gate_not_met", failure: nil)
                ended.append(step)
            case .stepWaiting(let step, _, let reason, let delay):
                if metrics != nil { metrics(of: step)?.waiting(reason) }
                guard let span = attempts[step]?.span else { break }
                let name = reason == .errorHandlerRetry ? "retry scheduled" : "completion gate wait"
                span.addEvent(
                    SpanEvent(
                        name: name,
                        attributes: [
                            "stepwise.wait.milliseconds": .int64(RuntimeMetrics.nanoseconds(delay) / 1_000_000)
                        ]))
            case .stepSucceeded(let step, _, _, _):
                finished(step, outcome: .succeeded, failure: nil)
            case .stepFailed(let step, _, let failure, let recovered):
                finished(step, outcome: recovered ? .recovered : .failed, failure: failure)
            case .stepCanceled(let step):
                finished(step, outcome: .canceled, failure: nil)
            case .stepSkipped(let step):
                if metrics != nil { metrics(of: step)?.stepFinished(.skipped) }
            case .instanceFinished(let status, _, let error):
                shared.workflow?.instanceFinished(status)
                instanceSpan?.updateAttributes { attributes in
                    attributes["stepwise.instance.status"] = status.rawValue
                    if let error {
                        attributes["stepwise.error.code"] = error.code
                        attributes["stepwise.error.message"] = error.message
                    }
                }
                if let error { instanceSpan?.setStatus(SpanStatus(code: .error, message: error.message)) }
            case .stepStarted, .variablesSet, .loopIterationStarted, .stepProcessStarted:
                break
            }
        }
        // Attempts followed by a wait end once the wait's event has been added to their span.
        for step in ended {
            guard let attempt = attempts.removeValue(forKey: step) else { continue }
            if let started = attempt.started { shared.metrics(ofStep: attempt.step)?.attempt(took: .now - started) }
            attempt.span?.end()
        }
    }

    /// A journal append of `entries` took `duration`.
    func committed(entries: Int, took duration: Duration) {
        metrics?.committed(entries: entries, took: duration)
    }

    /// The run ended (finished, suspended or lost its lease): open spans end, the instance no longer runs here.
    func runEnded() {
        for attempt in attempts.values {
            attempt.span?.attributes["stepwise.step.outcome"] = "interrupted"
            attempt.span?.end()
        }
        attempts.removeAll()
        instanceSpan?.end()
        metrics?.running.decrement(by: 1)
    }

    /// The attempt of `step` ended with `outcome`: counted, its span marked and ended (a skipped or resumed step
    /// has no attempt here: only counted).
    private func finished(_ step: String, outcome: ActionMetrics.Outcome, failure: StepFailure?) {
        guard let attempt = attempts.removeValue(forKey: step) else {
            metrics(of: step)?.stepFinished(outcome)
            return
        }
        if metrics != nil, let action = shared.metrics(ofStep: attempt.step) {
            action.stepFinished(outcome)
            if let started = attempt.started { action.attempt(took: .now - started) }
        }
        if let span = attempt.span {
            Self.mark(span, outcome: outcome.label, failure: failure)
            span.end()
        }
    }

    private func mark(_ step: String, outcome: String, failure: StepFailure?) {
        guard let span = attempts[step]?.span else { return }
        Self.mark(span, outcome: outcome, failure: failure)
    }

    private static func mark(_ span: any Span, outcome: String, failure: StepFailure?) {
        span.updateAttributes { attributes in
            attributes["stepwise.step.outcome"] = outcome
            if let failure {
                attributes["stepwise.error.code"] = failure.code
                attributes["stepwise.error.message"] = failure.message
            }
        }
        guard let failure else { return }
        span.setStatus(SpanStatus(code: .error, message: failure.message))
    }

    /// The metrics of the step named `step` (the attempt in flight knows its index; a skipped step is looked up).
    private func metrics(of step: String) -> ActionMetrics? {
        guard metrics != nil else { return nil }
        guard let index = attempts[step]?.step ?? shared.plan.graph.indexByName[step] else { return nil }
        return shared.metrics(ofStep: index)
    }
}
