import Foundation
import PingServer

// The HTTP action suite's local server on its own, for `curl` to be measured against (scripts/curl-baseline.sh):
// prints its URL, then serves until killed.
let server = try await PingServer.start()
FileHandle.standardOutput.write(Data((server.url + "\n").utf8))
while true {
    try await Task.sleep(for: .seconds(3_600))
}
