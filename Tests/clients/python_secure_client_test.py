#!/usr/bin/env python3
"""Drives `stepwise serve --tls-cert --tls-key --keys` with Datadog's official Python client over HTTPS.

Run by scripts/secure-client-test, which makes a test CA and certificates, a keys file and the server. Checks:
each scope allowed and refused (403), the certificate rotated on SIGHUP (new connections get the new one, a
connection opened before keeps working, the server process stays up), and the audit trail of the session.
Also: a key added to the keys file is accepted after SIGHUP, and a broken keys file keeps the keys in force.
Environment: STEPWISE_URL, STEPWISE_CA, STEPWISE_KEY_SUFFIX, STEPWISE_PID, STEPWISE_LOG, STEPWISE_TLS_CERT,
STEPWISE_TLS_KEY, STEPWISE_ROTATED_CERT, STEPWISE_ROTATED_KEY, STEPWISE_KEYS_FILE. Exit status 0 when every check passed.
"""
import hashlib
import http.client
import json
import os
import shutil
import signal
import ssl
import sys
import time
import urllib.parse

from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import ApiException
from datadog_api_client.v2.api.workflow_automation_api import WorkflowAutomationApi
from datadog_api_client.v2.model.api_trigger import APITrigger
from datadog_api_client.v2.model.api_trigger_wrapper import APITriggerWrapper
from datadog_api_client.v2.model.create_workflow_request import CreateWorkflowRequest
from datadog_api_client.v2.model.parameter import Parameter
from datadog_api_client.v2.model.spec import Spec
from datadog_api_client.v2.model.step import Step
from datadog_api_client.v2.model.update_workflow_request import UpdateWorkflowRequest
from datadog_api_client.v2.model.workflow_data import WorkflowData
from datadog_api_client.v2.model.workflow_data_attributes import WorkflowDataAttributes
from datadog_api_client.v2.model.workflow_data_type import WorkflowDataType
from datadog_api_client.v2.model.workflow_data_update import WorkflowDataUpdate
from datadog_api_client.v2.model.workflow_data_update_attributes import WorkflowDataUpdateAttributes
from datadog_api_client.v2.model.workflow_instance_create_meta import WorkflowInstanceCreateMeta
from datadog_api_client.v2.model.workflow_instance_create_request import WorkflowInstanceCreateRequest

CHECKS = 0
URL = os.environ["STEPWISE_URL"]
CA = os.environ["STEPWISE_CA"]
SUFFIX = os.environ["STEPWISE_KEY_SUFFIX"]


def check(condition, message):
    global CHECKS
    CHECKS += 1
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)


def keys(name):
    return f"{name}-api-{SUFFIX}", f"{name}-app-{SUFFIX}"


def client(name, ca=CA):
    configuration = Configuration()
    configuration.host = URL
    configuration.ssl_ca_cert = ca
    configuration.api_key["apiKeyAuth"], configuration.api_key["appKeyAuth"] = keys(name)
    return ApiClient(configuration)


def body_of(error):
    """The error's body: the client hands over parsed JSON, or text."""
    return error.body if isinstance(error.body, dict) else json.loads(error.body)


def refused(call, scope, what):
    try:
        call()
    except ApiException as error:
        check(error.status == 403, f"{what}: 403 expected, got {error.status}")
        body = body_of(error)
        check(body == {"errors": [f"Forbidden: this key does not have the {scope} permission"]},
              f"{what}: Datadog's error envelope naming {scope}, got {body}")
        return
    check(False, f"{what}: allowed without {scope}")


def sleep_spec(seconds):
    return Spec(
        triggers=[APITriggerWrapper(api_trigger=APITrigger(), start_step_names=["Sleep"])],
        steps=[Step(name="Sleep", action_id="com.datadoghq.core.sleep",
                    parameters=[Parameter(name="durationSeconds", value=seconds)])])


def tls_context():
    return ssl.create_default_context(cafile=CA)


def raw_get(connection, path, name):
    api_key, app_key = keys(name)
    connection.request("GET", path, headers={"DD-API-KEY": api_key, "DD-APPLICATION-KEY": app_key})
    response = connection.getresponse()
    return response.status, response.read()


def connection():
    parsed = urllib.parse.urlparse(URL)
    return http.client.HTTPSConnection(parsed.hostname, parsed.port, context=tls_context(), timeout=10)


def scopes():
    """Each key may do what its scopes allow and is refused the rest; returns the ids the session made."""
    with client("reader") as reader_client, client("writer") as writer_client, \
            client("runner") as runner_client, client("admin") as admin_client:
        reader = WorkflowAutomationApi(reader_client)
        writer = WorkflowAutomationApi(writer_client)
        runner = WorkflowAutomationApi(runner_client)
        admin = WorkflowAutomationApi(admin_client)
        body = CreateWorkflowRequest(data=WorkflowData(
            attributes=WorkflowDataAttributes(name="Scoped", spec=sleep_spec(300)), type=WorkflowDataType.WORKFLOWS))

        refused(lambda: reader.create_workflow(body=body), "workflows_write", "reader creates")
        workflow_id = writer.create_workflow(body=body).data.id
        check(len(workflow_id) == 36, "writer creates")
        refused(lambda: writer.get_workflow(workflow_id=workflow_id), "workflows_read", "writer reads")
        check(reader.get_workflow(workflow_id=workflow_id).data.attributes.name == "Scoped", "reader reads")

        update = UpdateWorkflowRequest(data=WorkflowDataUpdate(
            attributes=WorkflowDataUpdateAttributes(description="by writer"), type=WorkflowDataType.WORKFLOWS))
        refused(lambda: runner.update_workflow(workflow_id=workflow_id, body=update), "workflows_write",
                "runner updates")
        check(writer.update_workflow(workflow_id=workflow_id, body=update).data.attributes.description == "by writer",
              "writer updates")

        run = WorkflowInstanceCreateRequest(meta=WorkflowInstanceCreateMeta(payload={}))
        refused(lambda: reader.create_workflow_instance(workflow_id=workflow_id, body=run), "workflows_run",
                "reader executes")
        instance_id = runner.create_workflow_instance(workflow_id=workflow_id, body=run).data.id
        check(len(instance_id) == 36, "runner executes")
        refused(lambda: runner.list_workflow_instances(workflow_id=workflow_id), "workflows_read",
                "runner lists instances")
        got = reader.get_workflow_instance(workflow_id=workflow_id, instance_id=instance_id)
        check(got.data.attributes["sourceForTemplating"] == {"initiator": {"name": "runner"}, "type": "api"},
              f"the instance names the key that started it: {got.data.attributes['sourceForTemplating']}")
        refused(lambda: writer.cancel_workflow_instance(workflow_id=workflow_id, instance_id=instance_id),
                "workflows_run", "writer cancels")
        runner.cancel_workflow_instance(workflow_id=workflow_id, instance_id=instance_id)
        refused(lambda: reader.delete_workflow(workflow_id=workflow_id), "workflows_write", "reader deletes")
        admin.delete_workflow(workflow_id=workflow_id)

        try:
            with client("stranger") as stranger_client:
                WorkflowAutomationApi(stranger_client).list_workflow_instances(workflow_id=workflow_id)
            check(False, "an unknown key is let in")
        except ApiException as error:
            check(error.status == 403 and body_of(error) == {"errors": ["Forbidden"]},
                  f"an unknown key gets 403 Forbidden ({error.status})")
        return workflow_id, instance_id


def untrusted():
    """A client that does not trust the test CA cannot talk to the server."""
    with client("admin", ca=None) as untrusted_client:
        try:
            WorkflowAutomationApi(untrusted_client).get_workflow(workflow_id="00000000-0000-4000-8000-000000000000")
            check(False, "a client without the CA was answered")
        except ApiException:
            check(False, "a client without the CA got an HTTP answer")
        except Exception as error:  # urllib3's SSLError, wrapped as MaxRetryError
            check("CERTIFICATE_VERIFY_FAILED" in str(error) or "SSL" in str(error),
                  f"the handshake fails verification: {error}")


def rotation():
    """SIGHUP: new connections get the rotated certificate; a connection opened before keeps working."""
    pid = int(os.environ["STEPWISE_PID"])
    before = connection()
    status, _ = raw_get(before, "/api/v2/workflows", "reader")
    check(status == 200, f"a keep-alive connection before the rotation ({status})")
    old_certificate = before.sock.getpeercert(binary_form=True)
    old_socket = before.sock

    shutil.copyfile(os.environ["STEPWISE_ROTATED_CERT"], os.environ["STEPWISE_TLS_CERT"])
    shutil.copyfile(os.environ["STEPWISE_ROTATED_KEY"], os.environ["STEPWISE_TLS_KEY"])
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + 10
    while "reloaded the TLS certificate" not in open(os.environ["STEPWISE_LOG"]).read():
        check(time.monotonic() < deadline, "the server logs the reload within 10 s")
        time.sleep(0.05)
    os.kill(pid, 0)  # raises if the server died

    after = connection()
    status, _ = raw_get(after, "/api/v2/workflows", "reader")
    check(status == 200, f"a new connection after the rotation ({status})")
    new_certificate = after.sock.getpeercert(binary_form=True)
    check(new_certificate != old_certificate, "new connections get the rotated certificate")
    rotated = ssl.PEM_cert_to_DER_cert(open(os.environ["STEPWISE_ROTATED_CERT"]).read())
    check(new_certificate == rotated, "the new certificate is the rotated file's")

    status, _ = raw_get(before, "/api/v2/workflows", "reader")
    check(status == 200, f"the connection opened before the rotation still answers ({status})")
    check(before.sock is old_socket, "on the same socket (not a reconnection)")
    check(before.sock.getpeercert(binary_form=True) == old_certificate, "with the certificate it began with")
    before.close()
    after.close()
    with client("reader") as reader_client:
        listed = WorkflowAutomationApi(reader_client).list_workflows()
        check(listed is not None, "the official client works after the rotation")


def wait_for_log(text, count):
    """Waits until the server's log holds `text` `count` times."""
    deadline = time.monotonic() + 10
    while open(os.environ["STEPWISE_LOG"]).read().count(text) < count:
        check(time.monotonic() < deadline, f"the server logs {text!r} within 10 s")
        time.sleep(0.05)


def keys_reload():
    """SIGHUP reads the keys file again: a new key is let in; a broken file keeps the keys in force."""
    pid = int(os.environ["STEPWISE_PID"])
    path = os.environ["STEPWISE_KEYS_FILE"]
    original = open(path).read()
    late_api, late_app = keys("late")
    digest = lambda key: "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    link = connection()
    status, _ = raw_get(link, "/api/v2/workflows", "late")
    check(status == 403, f"a key not in the file is refused ({status})")
    with open(path, "a") as keys_file:
        keys_file.write(f"  - name: late\n    apiKeyHash: {digest(late_api)}\n    appKeyHash: {digest(late_app)}\n"
                        "    scopes: [workflows_read]\n")
    os.kill(pid, signal.SIGHUP)
    wait_for_log("reloaded 5 key(s)", 1)
    status, _ = raw_get(link, "/api/v2/workflows", "late")
    check(status == 200, f"the key added to the file is let in after SIGHUP ({status})")
    with open(path, "w") as keys_file:
        keys_file.write("keys:\n  - name: broken\n")
    os.kill(pid, signal.SIGHUP)
    wait_for_log("keys file not reloaded", 1)
    status, _ = raw_get(link, "/api/v2/workflows", "late")
    check(status == 200, f"a broken keys file keeps the keys in force ({status})")
    log = open(os.environ["STEPWISE_LOG"]).read()
    check("keys[0].apiKeyHash" in log, "the refused reload names the field")
    with open(path, "w") as keys_file:
        keys_file.write(original)
    link.close()


def audit(workflow_id, instance_id):
    """The audit trail lists the session's changes, newest first, with key names; it needs every scope."""
    link = connection()
    status, _ = raw_get(link, "/api/v2/stepwise/audit", "runner")
    check(status == 403, f"the audit trail needs every scope ({status})")
    status, body = raw_get(link, "/api/v2/stepwise/audit?limit=100", "admin")
    check(status == 200, f"admin reads the audit trail ({status})")
    rows = [e["attributes"] for e in json.loads(body)["data"]]
    got = [(r["key"], r["method"], r["status"], r["target"]) for r in reversed(rows)]
    expected = [
        ("reader", "POST", 403, None), ("writer", "POST", 201, workflow_id),
        ("runner", "PATCH", 403, workflow_id), ("writer", "PATCH", 200, workflow_id),
        ("reader", "POST", 403, workflow_id), ("runner", "POST", 200, instance_id),
        ("writer", "PUT", 403, instance_id), ("runner", "PUT", 200, instance_id),
        ("reader", "DELETE", 403, workflow_id), ("admin", "DELETE", 204, workflow_id),
    ]
    check(got == expected, f"the audit trail of the session:\n{got}\n!=\n{expected}")
    link.close()


def main():
    workflow_id, instance_id = scopes()
    untrusted()
    rotation()
    keys_reload()
    audit(workflow_id, instance_id)
    print(f"{CHECKS} checks passed")


if __name__ == "__main__":
    main()
