import Foundation
import Testing

@testable import GidsCore

/// `gids build --timings` reports the CPU time spent inside each required library; the totals
/// must grow only while measuring is on, and only for the library a call is attributed to.
/// Other suites call the libraries concurrently, so the checks use lower bounds and a total
/// read after measuring stops.
@Suite(.serialized) struct LibraryTimeTests {
    /// Burns about `milliseconds` of this thread's CPU time.
    static func spin(milliseconds: Int) -> Int {
        var clock = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &clock)
        let end = Int(clock.tv_sec) * 1_000_000_000 + Int(clock.tv_nsec) + milliseconds * 1_000_000
        var spins = 0
        while true {
            spins &+= 1
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &clock)
            if Int(clock.tv_sec) * 1_000_000_000 + Int(clock.tv_nsec) >= end { return spins }
        }
    }

    @Test func measuresTheCallingThreadsCPUTimeWhileOn() {
        LibraryTime.enable(true)
        let spins = LibraryTime.measure(.stemmer) { Self.spin(milliseconds: 30) }
        LibraryTime.enable(false)
        #expect(spins > 0)
        #expect(LibraryTime.seconds(.stemmer) >= 0.029)
        // Nothing else in the test process spins for seconds inside the stemmer.
        #expect(LibraryTime.seconds(.stemmer) < 5)
    }

    @Test func addsNothingWhileOff() {
        LibraryTime.enable(true)
        LibraryTime.enable(false)
        let before = LibraryTime.Library.allCases.map(LibraryTime.seconds)
        _ = LibraryTime.measure(.mustache) { Self.spin(milliseconds: 20) }
        #expect(LibraryTime.Library.allCases.map(LibraryTime.seconds) == before)
        #expect(!LibraryTime.isEnabled)
    }

    @Test func enablingStartsFromZero() {
        LibraryTime.enable(true)
        _ = LibraryTime.measure(.yams) { Self.spin(milliseconds: 20) }
        LibraryTime.enable(false)
        #expect(LibraryTime.seconds(.yams) >= 0.019)
        LibraryTime.enable(true)
        LibraryTime.enable(false)
        #expect(LibraryTime.seconds(.yams) < 0.019)
    }
}
