#!/usr/bin/env bash
# Builds Debian's libcmark-gfm (the same source and patches as libcmark-gfm-dev) with
# AddressSanitizer and libFuzzer coverage into DIR/lib, so that `make fuzz` runs FuzzMarkdown
# with the Markdown library itself instrumented (LD_LIBRARY_PATH=DIR/lib). Needs root once,
# for cmake, clang's toolchain (Swift's) and the Debian source package.
# Usage: cmark-gfm-asan.sh DIR
set -euo pipefail
out=$(realpath -m "$1")
[ -f "$out/lib/libcmark-gfm.so" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v cmake >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake >/dev/null; }
# The source package, from the same suites as the binary packages (deb-src for this run only).
list=/etc/apt/sources.list.d/gids-fuzz-src.sources
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$list"
trap 'rm -rf "$work" "$list"; apt-get update -qq >/dev/null 2>&1 || true' EXIT
apt-get update -qq
(cd "$work" && apt-get source -qq cmark-gfm >/dev/null 2>&1)
source=$(find "$work" -maxdepth 1 -type d -name 'cmark-gfm-*' | head -n 1)
mkdir -p "$source/build-asan"
cd "$source/build-asan"
cmake .. -DCMAKE_C_COMPILER=clang -DCMAKE_C_FLAGS="-fsanitize=address,fuzzer-no-link -g -O1" \
  -DCMARK_TESTS=OFF -DCMARK_SHARED=ON -DCMARK_STATIC=OFF -DCMAKE_INSTALL_PREFIX="$out" >/dev/null
make -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
make install >/dev/null
echo "cmark-gfm-asan: $(ls "$out/lib"/libcmark-gfm*.so.* | xargs -n1 basename | tr '\n' ' ')"
