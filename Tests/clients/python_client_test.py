#!/usr/bin/env python3
"""Drives a running `stepwise serve` with Datadog's official Python client (datadog-api-client), unchanged.

Usage: STEPWISE_URL=http://127.0.0.1:PORT DD_API_KEY=... DD_APP_KEY=... python_client_test.py
Exercises create, get, update, list, execute, list instances, get instance, cancel, delete the way the API
reference's Python examples do, and asserts on the results. Exit status 0 when every check passed.
"""
import os
import sys
import time

from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import ApiException, NotFoundException
from datadog_api_client.v2.api.workflow_automation_api import WorkflowAutomationApi
from datadog_api_client.v2.model.create_workflow_request import CreateWorkflowRequest
from datadog_api_client.v2.model.workflow_data import WorkflowData
from datadog_api_client.v2.model.workflow_data_attributes import WorkflowDataAttributes
from datadog_api_client.v2.model.outbound_edge import OutboundEdge
from datadog_api_client.v2.model.workflow_data_type import WorkflowDataType
from datadog_api_client.v2.model.spec import Spec
from datadog_api_client.v2.model.step import Step
from datadog_api_client.v2.model.api_trigger_wrapper import APITriggerWrapper
from datadog_api_client.v2.model.api_trigger import APITrigger
from datadog_api_client.v2.model.input_schema import InputSchema
from datadog_api_client.v2.model.input_schema_parameters import InputSchemaParameters
from datadog_api_client.v2.model.input_schema_parameters_type import InputSchemaParametersType
from datadog_api_client.v2.model.parameter import Parameter
from datadog_api_client.v2.model.update_workflow_request import UpdateWorkflowRequest
from datadog_api_client.v2.model.workflow_data_update import WorkflowDataUpdate
from datadog_api_client.v2.model.workflow_data_update_attributes import WorkflowDataUpdateAttributes
from datadog_api_client.v2.model.workflow_instance_create_request import WorkflowInstanceCreateRequest
from datadog_api_client.v2.model.workflow_instance_create_meta import WorkflowInstanceCreateMeta
from datadog_api_client.v2.model.workflow_trigger_wrapper import WorkflowTriggerWrapper
from datadog_api_client.v2.model.output_schema import OutputSchema
from datadog_api_client.v2.model.output_schema_parameters import OutputSchemaParameters
from datadog_api_client.v2.model.output_schema_parameters_type import OutputSchemaParametersType

CHECKS = 0


def check(condition, message):
    global CHECKS
    CHECKS += 1
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)


def wait_for(api, workflow_id, instance_id, status, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        instance = api.get_workflow_instance(workflow_id=workflow_id, instance_id=instance_id)
        kind = instance.data.attributes["instanceStatus"]["detailsKind"]
        if kind == status or time.monotonic() > deadline:
            return instance, kind
        time.sleep(0.02)


def sleep_spec(seconds):
    return Spec(
        triggers=[APITriggerWrapper(api_trigger=APITrigger(), start_step_names=["Greet"])],
        input_schema=InputSchema(parameters=[
            InputSchemaParameters(name="who", type=InputSchemaParametersType.STRING, default_value="world"),
        ]),
        steps=[
            Step(name="Greet", action_id="com.datadoghq.core.echo",
                 parameters=[Parameter(name="value", value="hello {{ Trigger.who }}")],
                 outbound_edges=[OutboundEdge(next_step_name="Sleep", branch_name="main")]),
            Step(name="Sleep", action_id="com.datadoghq.core.sleep",
                 parameters=[Parameter(name="durationSeconds", value=seconds)]),
        ],
    )


def check_child_workflows(api):
    """A parent whose triggerWorkflow step runs a stored child; the child's instance parses like any other."""
    child = api.create_workflow(body=CreateWorkflowRequest(data=WorkflowData(
        attributes=WorkflowDataAttributes(name="Python child", spec=Spec(
            triggers=[WorkflowTriggerWrapper(workflow_trigger={}, start_step_names=["Echo"])],
            input_schema=InputSchema(parameters=[
                InputSchemaParameters(name="word", type=InputSchemaParametersType.STRING)]),
            output_schema=OutputSchema(parameters=[
                OutputSchemaParameters(name="echoed", type=OutputSchemaParametersType.STRING,
                                       value="{{ Steps.Echo.value }}")]),
            steps=[Step(name="Echo", action_id="com.datadoghq.core.echo",
                        parameters=[Parameter(name="value", value="{{ Trigger.word }}")])])),
        type=WorkflowDataType.WORKFLOWS))).data.id
    parent = api.create_workflow(body=CreateWorkflowRequest(data=WorkflowData(
        attributes=WorkflowDataAttributes(name="Python parent", spec=Spec(
            triggers=[APITriggerWrapper(api_trigger=APITrigger(), start_step_names=["Call"])],
            steps=[Step(name="Call", action_id="com.datadoghq.dd.workflow_automation.triggerWorkflow",
                        parameters=[Parameter(name="workflowId", value=child),
                                    Parameter(name="workflowInputs", value={"word": "hi"})])])),
        type=WorkflowDataType.WORKFLOWS))).data.id
    run = api.create_workflow_instance(workflow_id=parent, body=WorkflowInstanceCreateRequest(
        meta=WorkflowInstanceCreateMeta(payload={})))
    _, kind = wait_for(api, parent, run.data.id, "SUCCEEDED")
    check(kind == "SUCCEEDED", f"the parent succeeds (got {kind})")
    children = api.list_workflow_instances(workflow_id=child)
    check(len(children.data) == 1, "the child has one instance")
    got = api.get_workflow_instance(workflow_id=child, instance_id=children.data[0].id)
    attributes = got.data.attributes
    check(attributes["instanceStatus"]["detailsKind"] == "SUCCEEDED", "the child succeeded")
    check(attributes["outputs"] == {"echoed": "hi"}, f"child outputs {attributes['outputs']}")
    check(attributes["sourceForTemplating"]["parentInstanceId"] == run.data.id, "the child names its parent")
    api.delete_workflow(workflow_id=parent)
    api.delete_workflow(workflow_id=child)


def main():
    configuration = Configuration()
    configuration.host = os.environ["STEPWISE_URL"]
    with ApiClient(configuration) as api_client:
        api = WorkflowAutomationApi(api_client)

        # Create (defaults: published true, description "", tags [])
        created = api.create_workflow(body=CreateWorkflowRequest(data=WorkflowData(
            attributes=WorkflowDataAttributes(name="Python client workflow", spec=sleep_spec(300),
                                                    tags=["team:infra", "foo:bar"]),
            type=WorkflowDataType.WORKFLOWS)))
        workflow_id = created.data.id
        check(len(workflow_id) == 36, "create returns a UUID")
        check(created.data.attributes.published is True, "published defaults to true")
        check(created.data.attributes.description == "", "description defaults to empty")
        check(sorted(created.data.attributes.tags) == ["foo:bar", "team:infra"], "tags kept")

        # Get
        got = api.get_workflow(workflow_id=workflow_id)
        check(got.data.attributes.name == "Python client workflow", "get returns the name")
        check(got.data.attributes.spec.steps[1].name == "Sleep", "get returns the spec")

        # Update
        updated = api.update_workflow(workflow_id=workflow_id, body=UpdateWorkflowRequest(data=WorkflowDataUpdate(
            attributes=WorkflowDataUpdateAttributes(description="updated by the Python client"),
            type=WorkflowDataType.WORKFLOWS)))
        check(updated.data.attributes.description == "updated by the Python client", "update sets description")
        check(updated.data.attributes.name == "Python client workflow", "update keeps the name")

        # List workflows (when this client version has it)
        if hasattr(api, "list_workflows"):
            listed = api.list_workflows()
            check(any(w.id == workflow_id for w in listed.data), "list_workflows includes the workflow")

        # Execute: a run that sleeps, to cancel
        execution = api.create_workflow_instance(workflow_id=workflow_id, body=WorkflowInstanceCreateRequest(
            meta=WorkflowInstanceCreateMeta(payload={"who": "python"})))
        running_id = execution.data.id
        check(len(running_id) == 36, "execute returns an instance id")

        # List instances
        instances = api.list_workflow_instances(workflow_id=workflow_id, page_size=10, page_number=0)
        check([i.id for i in instances.data] == [running_id], "list instances shows the run")
        check(instances.meta.page.total_count == 1, "totalCount is 1")

        # Get instance: running
        instance = api.get_workflow_instance(workflow_id=workflow_id, instance_id=running_id)
        check(instance.data.attributes["instanceStatus"]["detailsKind"] == "IN_PROGRESS", "the run is in progress")

        # Cancel, then it is CANCELED
        cancel = api.cancel_workflow_instance(workflow_id=workflow_id, instance_id=running_id)
        check(cancel is not None, "cancel answers")
        instance, kind = wait_for(api, workflow_id, running_id, "CANCELED")
        check(kind == "CANCELED", f"the run is canceled (got {kind})")
        steps = {s["stepName"]: s["stepState"] for s in instance.data.attributes["stepStateAssociations"]}
        check(steps == {"Greet": "SUCCEEDED", "Sleep": "CANCELED"}, f"step states {steps}")

        # A run that succeeds: sleep 0 after an update of the spec
        api.update_workflow(workflow_id=workflow_id, body=UpdateWorkflowRequest(data=WorkflowDataUpdate(
            attributes=WorkflowDataUpdateAttributes(spec=sleep_spec(0)), type=WorkflowDataType.WORKFLOWS)))
        done = api.create_workflow_instance(workflow_id=workflow_id, body=WorkflowInstanceCreateRequest(
            meta=WorkflowInstanceCreateMeta(payload={})))
        instance, kind = wait_for(api, workflow_id, done.data.id, "SUCCEEDED")
        check(kind == "SUCCEEDED", f"the second run succeeds (got {kind})")
        counts = api.list_workflow_instances(workflow_id=workflow_id).meta
        check(counts["canceledCount"] == 1 and counts["succeededCount"] == 1, f"counts {counts}")

        # Bad input: an unknown parameter is a 400 with Datadog's message
        try:
            api.create_workflow_instance(workflow_id=workflow_id, body=WorkflowInstanceCreateRequest(
                meta=WorkflowInstanceCreateMeta(payload={"nope": 1})))
            check(False, "an unknown input is refused")
        except ApiException as error:
            check(error.status == 400, "unknown input → 400")
            check('input parameter "nope" not in workflow input schema' in str(error.body), str(error.body))

        check_child_workflows(api)

        # Delete, then get is 404
        api.delete_workflow(workflow_id=workflow_id)
        try:
            api.get_workflow(workflow_id=workflow_id)
            check(False, "a deleted workflow is gone")
        except NotFoundException as error:
            check(error.status == 404, "deleted → 404")

    print(f"python client: {CHECKS} checks passed")


if __name__ == "__main__":
    main()
