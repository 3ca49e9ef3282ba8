import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's `admissionregistration` bundle (webhook configurations and validating admission policies, all
/// cluster-wide in `admissionregistration.k8s.io/v1`) in whole workflow runs against the HTTPS stand-in.
@Suite("Kubernetes bundles: admission registration")
struct KubernetesAdmissionTests {
    private static let admission = KubernetesActionID.prefix + "admissionregistration."
    private static let group = "/apis/admissionregistration.k8s.io/v1/"

    @Test("every id of the runner's admissionregistration bundle is registered, each a generic verb")
    func everyIdIsRegistered() {
        var registry = ActionRegistry()
        registry.registerKubernetes()
        let kinds = [
            ("MutatingWebhookConfiguration", "MutatingWebhookConfigurations"),
            ("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicies"),
            ("ValidatingAdmissionPolicyBinding", "ValidatingAdmissionPolicyBindings"),
            ("ValidatingWebhookConfiguration", "ValidatingWebhookConfigurations"),
        ]
        var ids: [String] = []
        for (kind, plural) in kinds {
            ids += ["create", "update", "delete", "get", "list", "patch"].map { Self.admission + $0 + kind }
            ids.append(Self.admission + "deleteMultiple" + plural)
        }
        #expect(ids.count == 28)
        #expect(ids.filter { registry.action(for: $0) == nil } == [])
        let verb = registry.action(for: Self.admission + "getValidatingAdmissionPolicy") as? KubernetesVerbAction
        #expect(verb?.resource.namespaced == false)
        #expect(verb?.outputShape == ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject])
        let webhooks = registry.action(for: Self.admission + "getMutatingWebhookConfiguration") as? KubernetesVerbAction
        #expect(webhooks?.outputShape == ["metadata": .emptyObject, "webhooks": []])
    }

    @Test("a webhook configuration created, read, patched, updated, listed and deleted; a policy and its binding")
    func webhookAndPolicyLifecycle() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let webhook: JSONValue = [
                "name": "audit.example.com", "sideEffects": "None", "admissionReviewVersions": ["v1"],
                "clientConfig": ["service": ["namespace": "ops", "name": "audit"]],
            ]
            let spec = BundleWorkflow.chain(
                [
                    (
                        "Create", Self.admission + "createValidatingWebhookConfiguration",
                        [
                            "fieldManager": "stepwise",
                            "body": [
                                "apiVersion": "admissionregistration.k8s.io/v1",
                                "kind": "ValidatingWebhookConfiguration",
                                "metadata": ["name": "audit", "labels": ["team": "sec"]], "webhooks": [webhook],
                            ],
                        ]
                    ),
                    (
                        "Get", Self.admission + "getValidatingWebhookConfiguration",
                        ["name": "{{ Steps.Create.metadata.name }}"]
                    ),
                    (
                        "Patch", Self.admission + "patchValidatingWebhookConfiguration",
                        [
                            "name": "audit",
                            "body": [["op": "add", "path": "/metadata/annotations", "value": ["owner": "sec"]]],
                        ]
                    ),
                    (
                        "Update", Self.admission + "updateValidatingWebhookConfiguration",
                        [
                            "body": [
                                "metadata": [
                                    "name": "audit", "labels": ["team": "{{ Steps.Get.metadata.labels.team }}"],
                                ],
                                "webhooks": [],
                            ]
                        ]
                    ),
                    ("List", Self.admission + "listValidatingWebhookConfiguration", ["labelSelector": "team=sec"]),
                    ("Delete", Self.admission + "deleteValidatingWebhookConfiguration", ["name": "audit"]),
                    (
                        "Policy", Self.admission + "createValidatingAdmissionPolicy",
                        [
                            "body": [
                                "metadata": ["name": "replicas-limit"],
                                "spec": ["validations": [["expression": "object.spec.replicas <= 5"]]],
                            ]
                        ]
                    ),
                    (
                        "Binding", Self.admission + "createValidatingAdmissionPolicyBinding",
                        [
                            "body": [
                                "metadata": ["name": "replicas-limit-binding"],
                                "spec": [
                                    "policyName": "{{ Steps.Policy.metadata.name }}", "validationActions": ["Deny"],
                                ],
                            ]
                        ]
                    ),
                    ("Policies", Self.admission + "listValidatingAdmissionPolicy", [:]),
                    ("Sweep", Self.admission + "deleteMultipleValidatingAdmissionPolicies", [:]),
                    (
                        "Mutating", Self.admission + "createMutatingWebhookConfiguration",
                        ["body": ["metadata": ["name": "inject"], "webhooks": []], "dryRun": "All"]
                    ),
                    ("Missing", Self.admission + "getMutatingWebhookConfiguration", ["name": "inject"]),
                ], label: KubernetesFixture.label)
            let summary = try await fixture.run(spec)
            #expect(summary.stepSummary("Create")?.outputs?["webhooks"]?.arrayValue?.count == 1)
            #expect(summary.stepSummary("Create")?.outputs?["kind"] == nil)
            #expect(summary.stepSummary("Get")?.outputs?["metadata"]?["labels"] == ["team": "sec"])
            #expect(summary.stepSummary("Patch")?.outputs?["metadata"]?["annotations"] == ["owner": "sec"])
            #expect(summary.stepSummary("Update")?.outputs?["webhooks"] == [])
            #expect(summary.stepSummary("List")?.outputs?["items"]?.arrayValue?.count == 1)
            #expect(summary.stepSummary("Delete")?.outputs == .emptyObject)
            #expect(summary.stepSummary("Binding")?.outputs?["spec"]?["policyName"] == "replicas-limit")
            #expect(summary.stepSummary("Policies")?.outputs?["items"]?.arrayValue?.count == 1)
            #expect(summary.stepSummary("Sweep")?.outputs == .emptyObject)
            #expect(fixture.standIn.object(Self.group + "validatingadmissionpolicies", "replicas-limit") == nil)
            #expect(
                fixture.standIn.object(Self.group + "validatingadmissionpolicybindings", "replicas-limit-binding")?[
                    "spec"]?["validationActions"] == ["Deny"])
            #expect(summary.status == .stepError)
            #expect(
                summary.stepSummary("Missing")?.error?.message
                    == "mutatingwebhookconfigurations.admissionregistration.k8s.io \"inject\" not found")
            let paths = fixture.server.requests.map { "\($0.method) \($0.path)" }
            #expect(paths.first == "POST \(Self.group)validatingwebhookconfigurations")
            #expect(paths.contains("PUT \(Self.group)validatingwebhookconfigurations/audit"))
            #expect(paths.contains("DELETE \(Self.group)validatingadmissionpolicies"))
            #expect(paths.contains("POST \(Self.group)mutatingwebhookconfigurations"))
            #expect(fixture.server.requests.first?.query == "fieldManager=stepwise")
        }
    }
}
