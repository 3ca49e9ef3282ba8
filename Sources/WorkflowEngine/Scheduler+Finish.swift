import WorkflowModel

extension Scheduler {
    /// Ends the run: running steps are cancelled, waiting ones too, queued ones never start.
    mutating func terminate(_ final: InstanceStatus, failure: InstanceFailure?, into transition: inout Transition) {
        for step in slots.indices {
            switch slots[step].phase {
            case .running:
                slots[step].phase = .canceled
                transition.events.append(.stepCanceled(step: plan.steps[step].name))
                transition.actions.append(
                    .cancelStep(step: step, attempt: Int(slots[step].attempt), token: slots[step].token))
            case .waiting:
                slots[step].phase = .canceled
                transition.events.append(.stepCanceled(step: plan.steps[step].name))
                transition.actions.append(
                    .cancelTimer(step: step, attempt: Int(slots[step].attempt), token: slots[step].token))
            case .ready:
                slots[step].phase = .pending
            default:
                break
            }
        }
        ready.removeAll()
        active = 0
        status = final
        transition.events.append(.instanceFinished(status: final, outputs: .emptyObject, error: failure))
        transition.actions.append(.finish(final))
    }

    /// Every reachable step has settled and none failed without a handler: render the workflow outputs.
    mutating func finishSucceeded(into transition: inout Transition) {
        let rendered: JSONValue
        do {
            rendered = try plan.outputs.render(in: templateContext)
        } catch {
            let failure = InstanceFailure(step: nil, message: error.message, code: error.code)
            status = .instanceError
            transition.events.append(.instanceFinished(status: .instanceError, outputs: .emptyObject, error: failure))
            transition.actions.append(.finish(.instanceError))
            return
        }
        status = .succeeded
        transition.events.append(.instanceFinished(status: .succeeded, outputs: rendered, error: nil))
        transition.actions.append(.finish(.succeeded))
    }
}
