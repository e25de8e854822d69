/// Numbers words by their UTF-8 bytes, 0, 1, 2, … in the order first seen: an open-addressing
/// hash table (linear probing, FNV-1a over the bytes) whose keys live in one byte buffer. The
/// index numbers every word of every page; a `[String: Int32]` needed a string per word and
/// Swift's seeded SipHash per lookup, this hashes the bytes the tokenizer already has.
struct WordTable: Sendable {
    /// The words' bytes, one after another; word `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Word number + 1 per slot; 0 is an empty slot. The count is a power of two.
    private var slots = [Int32](repeating: 0, count: 1024)

    /// The number of words so far.
    var count: Int { hashes.count }

    /// The number of `word`, and whether it was new (then it is numbered `count - 1`).
    mutating func number(of word: UnsafeBufferPointer<UInt8>) -> (Int32, isNew: Bool) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot] - 1)
            if hashes[number] == hash && matches(number, word) { return (Int32(number), false) }
            slot = (slot + 1) & mask
        }
        let number = hashes.count
        slots[slot] = Int32(number + 1)
        hashes.append(hash)
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
        // At most half full, so probes stay short.
        if hashes.count * 2 > slots.count { grow() }
        return (Int32(number), true)
    }

    private func matches(_ number: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number]
        guard starts[number + 1] - start == word.count else { return false }
        for offset in 0..<word.count where bytes[start + offset] != word[offset] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number + 1)
        }
    }
}
