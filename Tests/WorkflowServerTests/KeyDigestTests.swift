import Testing
import WorkflowServer

/// Keys are stored and compared as SHA-256 digests (`sha256:<hex>`).
@Suite("Key hashing")
struct KeyDigestTests {
    @Test("the digest is SHA-256 of the key's UTF-8 bytes, written sha256:<lowercase hex>")
    func knownVectors() {
        #expect(
            KeyDigest(hashing: "abc").description
                == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            KeyDigest(hashing: "").description
                == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("the text form reads back, in either case, and matches the key it came from")
    func roundTrip() throws {
        let digest = KeyDigest(hashing: "dd-api-key-1")
        let parsed = try #require(KeyDigest(digest.description))
        #expect(parsed.matches(digest))
        let upper = "sha256:" + digest.description.dropFirst(7).uppercased()
        #expect(try #require(KeyDigest(upper)).matches(digest))
        #expect(!parsed.matches(KeyDigest(hashing: "dd-api-key-2")))
    }

    @Test(
        "anything but sha256: and 64 hex digits is refused",
        arguments: [
            "", "abc", "sha256:", "sha256:xyz", "md5:ba7816bf8f01cfea414140de5dae2223",
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff",
            "sha256:ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "SHA256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ])
    func refused(text: String) {
        #expect(KeyDigest(text) == nil)
    }

    @Test("a keyring finds the key whose two halves match, and no key for a half that is wrong or missing")
    func authenticate() {
        let keyring = APIKeyring(keys: [
            APIKey(
                name: "reader", apiKey: KeyDigest(hashing: "api-1"), applicationKey: KeyDigest(hashing: "app-1"),
                scopes: [.workflowsRead]),
            APIKey(
                name: "runner", apiKey: KeyDigest(hashing: "api-1"), applicationKey: KeyDigest(hashing: "app-2"),
                scopes: [.workflowsRun]),
        ])
        #expect(keyring.authenticate(apiKey: "api-1", applicationKey: "app-1")?.name == "reader")
        #expect(keyring.authenticate(apiKey: "api-1", applicationKey: "app-2")?.name == "runner")
        #expect(keyring.authenticate(apiKey: "api-2", applicationKey: "app-1") == nil)
        #expect(keyring.authenticate(apiKey: "api-1", applicationKey: nil) == nil)
        #expect(keyring.authenticate(apiKey: nil, applicationKey: nil) == nil)
        #expect(APIKeyring(keys: []).authenticate(apiKey: "api-1", applicationKey: "app-1") == nil)
    }

    @Test("the --api-key/--app-key shortcut is one key named default with every scope; a missing half matches any")
    func shortcut() throws {
        let keyring = APIKeyring.single(apiKey: "a", applicationKey: nil)
        let key = try #require(keyring.authenticate(apiKey: "a", applicationKey: "anything"))
        #expect(key.name == "default" && key.scopes == Set(APIScope.allCases))
        #expect(keyring.authenticate(apiKey: "b", applicationKey: "anything") == nil)
        #expect(APIKeyring.single(apiKey: nil, applicationKey: nil).keys.isEmpty)
    }
}
