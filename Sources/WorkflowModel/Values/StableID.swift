/// Ids derived from text: the same text always gives the same id.
public enum StableID {
    /// A lowercase UUID (version 4 layout) derived from `text` with two 64-bit FNV-1a hashes: how a workflow
    /// file maps to its stored workflow, and a `triggerWorkflow` step attempt to its child instance.
    public static func uuid(for text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for part in [fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4)] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: part >> shift)) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef")
        var id = ""
        id.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { id.append("-") }
            id.append(digits[Int(byte >> 4)])
            id.append(digits[Int(byte & 0x0F)])
        }
        return id
    }
}
