import Foundation

/// Runs a libFuzzer entry point over files outside libFuzzer: each file named in `paths`, or
/// each file in each folder named (sorted), as one input. What the normal build of a fuzz
/// target does, so the regression tests can replay the corpus and every crash ever found.
/// Returns the number of inputs run; a crashing input stops the process, as under libFuzzer.
@discardableResult
public func replay(_ paths: some Sequence<String>, through target: (UnsafePointer<UInt8>, Int) -> CInt) -> Int {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            files += ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
                path + "/" + $0
            }
        } else {
            files.append(path)
        }
    }
    for file in files {
        // One spare byte so an empty input still has a valid base address.
        let bytes = [UInt8](FileManager.default.contents(atPath: file) ?? Data()) + [0]
        _ = bytes.withUnsafeBufferPointer { target($0.baseAddress!, bytes.count - 1) }
    }
    print("replayed \(files.count) inputs")
    return files.count
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// Hands control to libFuzzer (its `LLVMFuzzerRunDriver`, for programs with their own
    /// `main`): SwiftPM links an executable's `main` to `<Module>_main`, so the fuzz targets
    /// define that and call this.
    public func runLibFuzzer(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
        _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt {
        var count = argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return llvmFuzzerRunDriver(&count, &arguments, target)
    }
#endif
