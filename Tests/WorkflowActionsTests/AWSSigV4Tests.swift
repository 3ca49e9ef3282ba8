import Foundation
import Testing
import WorkflowActions

/// AWS's published Signature Version 4 test vectors (the `aws-sig-v4-test-suite`: credentials `AKIDEXAMPLE`,
/// region `us-east-1`, service `service`, 2015-08-30T12:36:00Z) and the IAM `ListUsers` example of AWS's
/// "Create a signed AWS API request" guide.
@Suite("AWS SigV4")
struct AWSSigV4Tests {
    private let date = Date(timeIntervalSince1970: 1_440_938_160)
    private let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    private func signature(
        _ method: String, query: [AWSRequest.QueryItem] = [], headers: [AWSRequest.Header] = [], body: String = "",
        host: String = "example.amazonaws.com", service: String = "service"
    ) -> AWSSigner.Signature {
        var request = AWSRequest(
            method: method, host: host, query: query,
            headers: [AWSRequest.Header("X-Amz-Date", "20150830T123600Z")] + headers, body: Array(body.utf8))
        let signer = AWSSigner(credentials: credentials, region: "us-east-1", service: service)
        return signer.sign(&request, date: date)
    }

    @Test("get-vanilla: canonical request, string to sign and signature")
    func getVanilla() {
        let signed = signature("GET")
        #expect(
            signed.canonicalRequest
                == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            signed.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("get-vanilla-query-order-key-case: query items are sorted")
    func queryOrder() {
        let signed = signature(
            "GET", query: [AWSRequest.QueryItem("Param2", "value2"), AWSRequest.QueryItem("Param1", "value1")])
        #expect(signed.canonicalRequest.contains("\nParam1=value1&Param2=value2\n"))
        #expect(signed.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test("post-vanilla")
    func postVanilla() {
        #expect(signature("POST").signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test("post-x-www-form-urlencoded: the body's hash is signed")
    func postForm() {
        let signed = signature(
            "POST", headers: [AWSRequest.Header("Content-Type", "application/x-www-form-urlencoded")],
            body: "Param1=value1")
        #expect(signed.signedHeaders == "content-type;host;x-amz-date")
        #expect(signed.signature == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }

    @Test("IAM ListUsers example of AWS's guide")
    func iamListUsers() {
        let signed = signature(
            "GET", query: [AWSRequest.QueryItem("Action", "ListUsers"), AWSRequest.QueryItem("Version", "2010-05-08")],
            headers: [AWSRequest.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            host: "iam.amazonaws.com", service: "iam")
        #expect(
            signed.stringToSign.hasSuffix("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"))
        #expect(signed.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test("a session token is sent and signed; the timestamp is UTC")
    func sessionToken() {
        var request = AWSRequest(method: "GET", host: "example.amazonaws.com")
        let temporary = AWSCredentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token")
        let signed = AWSSigner(credentials: temporary, region: "eu-west-1", service: "ec2").sign(&request, date: date)
        #expect(request.header("x-amz-security-token") == "token")
        #expect(request.header("X-Amz-Date") == "20150830T123600Z")
        #expect(signed.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(request.header("Authorization")?.contains("ASIAEXAMPLE/20150830/eu-west-1/ec2/aws4_request") == true)
    }

    @Test("S3 signs the payload hash header and the path as sent; other services encode the path again")
    func pathEncoding() {
        var s3 = AWSRequest(method: "PUT", host: "127.0.0.1:5000", path: "/bucket/a b.txt", body: Array("x".utf8))
        let s3Signed = AWSSigner(credentials: credentials, region: "us-east-1", service: "s3").sign(&s3, date: date)
        #expect(s3.url == "https://127.0.0.1:5000/bucket/a%20b.txt")
        #expect(s3Signed.canonicalRequest.hasPrefix("PUT\n/bucket/a%20b.txt\n"))
        #expect(s3Signed.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
        var lambda = AWSRequest(method: "POST", host: "h", path: "/functions/a:b/invocations")
        let lambdaSigned = AWSSigner(credentials: credentials, region: "us-east-1", service: "lambda")
            .sign(&lambda, date: date)
        #expect(lambdaSigned.canonicalRequest.hasPrefix("POST\n/functions/a%253Ab/invocations\n"))
    }

    @Test("credentials never print their secret or token")
    func redaction() {
        let temporary = AWSCredentials(accessKeyId: "ASIAX", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        for text in ["\(temporary)", String(reflecting: temporary)] {
            #expect(!text.contains("s3cr3t") && !text.contains("t0k3n") && text.contains("ASIAX"))
        }
    }
}
