extension Duration {
    /// `self + other`, or the largest (smallest) duration when the sum does not fit: a plan may carry any
    /// duration a spec can spell (`"9223372036854775807s"`), and time arithmetic on it must never trap.
    public func saturatingAdding(_ other: Duration) -> Duration {
        let (sum, overflow) = attoseconds.addingReportingOverflow(other.attoseconds)
        guard overflow else { return Duration(attoseconds: sum) }
        return other.attoseconds > 0 ? Duration(attoseconds: .max) : Duration(attoseconds: .min)
    }

    /// `self - other`, saturating like ``saturatingAdding(_:)``.
    public func saturatingSubtracting(_ other: Duration) -> Duration {
        let (difference, overflow) = attoseconds.subtractingReportingOverflow(other.attoseconds)
        guard overflow else { return Duration(attoseconds: difference) }
        return other.attoseconds < 0 ? Duration(attoseconds: .max) : Duration(attoseconds: .min)
    }
}
