import Foundation
import GidsCore

/// The date of the last commit that touched each file under `root`, by path relative to
/// `root`, read with one `git log` run (committer date, `%cs`). Empty when git is missing or
/// `root` is not inside a git work tree, so a build never depends on git.
///
/// Used for "laatst bijgewerkt" when a page has no `updated:` in its front matter. The dates
/// come from the repository's history, so the same commit gives the same site.
public func lastCommitDates(root: String) -> [String: CalendarDate] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "git", "-c", "core.quotePath=false", "-C", root, "log", "--format=%x00%cs", "--name-only", "--relative",
        "--no-renames", "--", ".",
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    // Not `waitUntilExit()`: on Linux it polls the run loop every 50 ms, which was half the
    // time of a small build and of every rebuild under `gids serve`.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    do { try process.run() } catch { return [:] }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    exited.wait()
    guard process.terminationStatus == 0 else { return [:] }
    var dates: [String: CalendarDate] = [:]
    var current: CalendarDate?
    // Newest commit first: the first date seen for a path is its last change.
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        if line.first == "\0" {
            current = CalendarDate(iso: String(line.dropFirst()))
        } else if let current, dates[String(line)] == nil {
            dates[String(line)] = current
        }
    }
    return dates
}
