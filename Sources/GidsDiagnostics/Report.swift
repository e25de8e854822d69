import Foundation

/// How `gids check` writes its findings.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Compiler-style lines, `path:line:column: error: message [code]` (the default).
    case text
    /// One JSON object, schema `gids-check/1` (documented in the README).
    case json
    /// JUnit XML: one test case per checked file, failed when it has errors.
    case junit
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    case github
}

/// The findings of one check run, renderable in every ``ReportFormat``.
public struct Report: Sendable {
    /// All diagnostics; sorted on output.
    public var diagnostics: [Diagnostic]
    /// Display paths of every file checked, including those without findings.
    public var checkedFiles: [String]
    /// Counts for the summary, e.g. `["files": 54, "links": 1200, "external": 8]`.
    public var statistics: [String: Int]

    public init(diagnostics: [Diagnostic], checkedFiles: [String], statistics: [String: Int] = [:]) {
        self.diagnostics = diagnostics
        self.checkedFiles = checkedFiles
        self.statistics = statistics
    }

    /// Warnings raised to errors (`--strict`).
    public func strict() -> Report {
        var copy = self
        copy.diagnostics = diagnostics.map { diagnostic in
            var raised = diagnostic
            if raised.severity == .warning { raised.severity = .error }
            return raised
        }
        return copy
    }

    /// The report in `format`, ending with a newline (text: empty when there are no findings).
    public func rendered(as format: ReportFormat, useColor: Bool = false) -> String {
        switch format {
        case .text: DiagnosticPrinter(useColor: useColor).report(diagnostics)
        case .json: json()
        case .junit: junit()
        case .github: github()
        }
    }

    private var counts: (errors: Int, warnings: Int) {
        (diagnostics.filter { $0.severity == .error }.count, diagnostics.filter { $0.severity == .warning }.count)
    }

    private struct JSONReport: Encodable {
        struct Entry: Encodable {
            let path: String
            let line: Int?
            let column: Int?
            let severity: String
            let code: String
            let message: String
            let hint: String?
        }
        let schema = "gids-check/1"
        let summary: [String: Int]
        let diagnostics: [Entry]
    }

    private func json() -> String {
        var summary = statistics
        summary["errors"] = counts.errors
        summary["warnings"] = counts.warnings
        let entries = diagnostics.sortedForOutput().map {
            JSONReport.Entry(
                path: $0.location.path, line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, code: $0.code, message: $0.message, hint: $0.hint)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(summary: summary, diagnostics: entries))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func junit() -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics.sortedForOutput() {
            byFile[diagnostic.location.path, default: []].append(diagnostic)
        }
        let files = Set(checkedFiles).union(byFile.keys).sorted()
        let failed = files.filter { byFile[$0]?.hasErrors == true }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"gids check\" tests=\"\(files.count)\" failures=\"\(failed)\" errors=\"0\">\n"
        out +=
            "  <testsuite name=\"gids check\" tests=\"\(files.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
        for file in files {
            let found = byFile[file] ?? []
            out += "    <testcase classname=\"gids.check\" name=\"\(xmlEscape(file))\""
            guard !found.isEmpty else {
                out += "/>\n"
                continue
            }
            out += ">\n"
            let text = found.map(\.formatted).joined(separator: "\n")
            if let first = found.first(where: { $0.severity == .error }) {
                let errors = found.filter { $0.severity == .error }.count
                let message = errors == 1 ? first.message : "\(first.message) (and \(errors - 1) more)"
                out += "      <failure type=\"\(xmlEscape(first.code))\" message=\"\(xmlEscape(message))\">"
                out += xmlEscape(text) + "</failure>\n"
            } else {
                out += "      <system-out>\(xmlEscape(text))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private func github() -> String {
        var out = ""
        for diagnostic in diagnostics.sortedForOutput() {
            let command: String
            switch diagnostic.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = ["file=\(property(diagnostic.location.path))"]
            if let line = diagnostic.location.line { properties.append("line=\(line)") }
            if let column = diagnostic.location.column { properties.append("col=\(column)") }
            properties.append("title=\(property(diagnostic.code))")
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
            out += "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
        }
        return out
    }
}

/// Escapes text for XML 1.0 content and attribute values (`&`, `<`, `>`, `"`, `'`) and drops
/// the characters XML 1.0 cannot hold (§2.2: C0 controls but tab, CR and LF; U+FFFE, U+FFFF).
/// Used for JUnit reports, feeds, sitemaps and SVG.
public func xmlEscape(_ text: String) -> String {
    // Most titles and URLs need nothing: no markup character, no control, no EF (the lead
    // byte of U+FFFE and U+FFFF).
    if !text.utf8.contains(where: { byte in
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xEF
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
    }) {
        return text
    }
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// GitHub Actions escaping of a command's message (`%`, CR, LF).
private func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A")
}

/// GitHub Actions escaping of a command's property value (also `:` and `,`).
private func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
}
