/// Orders text as people read numbers in it: "Sprint 2" before "Sprint 10". Runs of ASCII
/// digits compare by value (then by length, so `02` after `2`); everything else compares as
/// Swift's `<` does, run by run. Deterministic and locale-free.
public enum NaturalOrder {
    /// True when `a` comes before `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        var left = a.utf8[...]
        var right = b.utf8[...]
        while let x = left.first, let y = right.first {
            let xDigit = (0x30...0x39).contains(x)
            let yDigit = (0x30...0x39).contains(y)
            if xDigit && yDigit {
                let xRun = left.prefix { (0x30...0x39).contains($0) }
                let yRun = right.prefix { (0x30...0x39).contains($0) }
                let xValue = xRun.drop { $0 == 0x30 }
                let yValue = yRun.drop { $0 == 0x30 }
                if xValue.count != yValue.count { return xValue.count < yValue.count }
                if !xValue.elementsEqual(yValue) { return xValue.lexicographicallyPrecedes(yValue) }
                if xRun.count != yRun.count { return xRun.count < yRun.count }
                left = left.dropFirst(xRun.count)
                right = right.dropFirst(yRun.count)
                continue
            }
            // The runs up to the next digit, compared as text.
            let xText = left.prefix { !(0x30...0x39).contains($0) }
            let yText = right.prefix { !(0x30...0x39).contains($0) }
            let xString = String(Substring(xText))
            let yString = String(Substring(yText))
            if xString != yString {
                // A run that is a prefix of the other and stops at a digit: the digit side goes by text too.
                return xString < yString
            }
            left = left.dropFirst(xText.count)
            right = right.dropFirst(yText.count)
        }
        return left.isEmpty && !right.isEmpty
    }
}
