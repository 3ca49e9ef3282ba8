import CoreMetrics
import Tracing
import WorkflowEngine
import WorkflowModel

/// One run's metrics and spans: a span for the instance, a span per step attempt (ended when the journal says how
/// the attempt went), and the counters the journal's events feed.
///
/// Used by the run loop only (one task), never shared: not `Sendable`.
final class InstanceTelemetry {
    /// A step attempt in flight: when it was dispatched, and its span.
    private struct Attempt {
        var attempt: Int
        var actionId: String
        var started: ContinuousClock.Instant
        var span: (any Span)?
    }

    private let telemetry: Telemetry
    private let plan: ExecutionPlan
    private let instanceId: String
    private let instanceSpan: (any Span)?
    private var attempts: [String: Attempt] = [:]

    /// Starts the instance's span (continuing `parent`, injected trace headers, when given) and counts the
    /// instance as running; a first start (`resumed` false) also counts as started.
    init(_ telemetry: Telemetry, plan: ExecutionPlan, instanceId: String, parent: [String: String], resumed: Bool) {
        self.telemetry = telemetry
        self.plan = plan
        self.instanceId = instanceId
        if let metrics = telemetry.metrics {
            if !resumed { metrics.instanceStarted(workflowId: plan.workflowId) }
            metrics.running.increment(by: 1)
        }
        if let tracer = telemetry.tracer {
            var context = ServiceContext.topLevel
            if !parent.isEmpty { tracer.extract(parent, into: &context, using: TraceHeaders()) }
            let span = tracer.startSpan("run \(plan.workflowName)", context: context, ofKind: .internal)
            span.attributes["stepwise.workflow.id"] = plan.workflowId
            span.attributes["stepwise.workflow.name"] = plan.workflowName
            span.attributes["stepwise.instance.id"] = instanceId
            if resumed { span.attributes["stepwise.instance.resumed"] = true }
            self.instanceSpan = span
        } else {
            self.instanceSpan = nil
        }
    }

    /// A step attempt starts: its span begins. Returns the trace headers for the attempt's action (empty without
    /// a tracer) and the context its action runs in (so its log lines carry the span's ids).
    func attemptStarted(step: Int, attempt: Int) -> (headers: [String: String], context: ServiceContext?) {
        let planned = plan.steps[step]
        var span: (any Span)?
        var headers: [String: String] = [:]
        if let tracer = telemetry.tracer, let instanceSpan {
            let started = tracer.startSpan("step \(planned.name)", context: instanceSpan.context, ofKind: .internal)
            started.attributes["stepwise.workflow.id"] = plan.workflowId
            started.attributes["stepwise.workflow.name"] = plan.workflowName
            started.attributes["stepwise.instance.id"] = instanceId
            started.attributes["stepwise.step.name"] = planned.name
            started.attributes["stepwise.action.id"] = planned.actionId
            started.attributes["stepwise.step.attempt"] = attempt
            tracer.inject(started.context, into: &headers, using: TraceHeaders())
            span = started
        }
        if let earlier = attempts.updateValue(
            Attempt(attempt: attempt, actionId: planned.actionId, started: .now, span: span), forKey: planned.name)
        {
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
                telemetry.metrics?.waiting(actionId: actionId(of: step), reason: reason)
                let name = reason == .errorHandlerRetry ? "retry scheduled" : "completion gate wait"
                attempts[step]?.span?.addEvent(
                    SpanEvent(
                        name: name,
                        attributes: [
                            "stepwise.wait.milliseconds": .int64(RuntimeMetrics.nanoseconds(delay) / 1_000_000)
                        ]))
            case .stepSucceeded(let step, _, _, _):
                finished(step, outcome: "succeeded", failure: nil, into: &ended)
            case .stepFailed(let step, _, let failure, let recovered):
                finished(step, outcome: recovered ? "recovered" : "failed", failure: failure, into: &ended)
            case .stepCanceled(let step):
                finished(step, outcome: "canceled", failure: nil, into: &ended)
            case .stepSkipped(let step):
                telemetry.metrics?.stepFinished(actionId: actionId(of: step), outcome: "skipped")
            case .instanceFinished(let status, _, let error):
                telemetry.metrics?.instanceFinished(workflowId: plan.workflowId, status: status)
                instanceSpan?.attributes["stepwise.instance.status"] = status.rawValue
                if let error {
                    instanceSpan?.attributes["stepwise.error.code"] = error.code
                    instanceSpan?.attributes["stepwise.error.message"] = error.message
                    instanceSpan?.setStatus(SpanStatus(code: .error, message: error.message))
                }
            case .stepStarted, .variablesSet, .loopIterationStarted, .stepProcessStarted:
                break
            }
        }
        for step in ended {
            guard let attempt = attempts.removeValue(forKey: step) else { continue }
            telemetry.metrics?.attempt(actionId: attempt.actionId, took: .now - attempt.started)
            attempt.span?.end()
        }
    }

    /// A journal append of `entries` took `duration`.
    func committed(entries: Int, took duration: Duration) {
        telemetry.metrics?.committed(entries: entries, took: duration)
    }

    /// The run ended (finished, suspended or lost its lease): open spans end, the instance no longer runs here.
    func runEnded() {
        for attempt in attempts.values {
            attempt.span?.attributes["stepwise.step.outcome"] = "interrupted"
            attempt.span?.end()
        }
        attempts.removeAll()
        instanceSpan?.end()
        telemetry.metrics?.running.decrement(by: 1)
    }

    private func finished(_ step: String, outcome: String, failure: StepFailure?, into ended: inout [String]) {
        telemetry.metrics?.stepFinished(actionId: actionId(of: step), outcome: outcome)
        mark(step, outcome: outcome, failure: failure)
        ended.append(step)
    }

    private func mark(_ step: String, outcome: String, failure: StepFailure?) {
        guard let span = attempts[step]?.span else { return }
        span.attributes["stepwise.step.outcome"] = outcome
        guard let failure else { return }
        span.attributes["stepwise.error.code"] = failure.code
        span.attributes["stepwise.error.message"] = failure.message
        span.setStatus(SpanStatus(code: .error, message: failure.message))
    }

    private func actionId(of step: String) -> String {
        plan.graph.indexByName[step].map { plan.steps[$0].actionId } ?? "unknown"
    }
}
