@_exported import GidsDiagnostics
