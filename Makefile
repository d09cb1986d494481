# FairMTL: the two set-up commands of the README.
#   make demo   install what is missing, build, run the guided demo
#   make test   install what is missing, build, run every test
#   make fuzz   build the libFuzzer targets (Fuzz/) and run each for FUZZ_SECONDS (default 600)
.PHONY: demo test deps bench fuzz fuzz-build fuzz-smoke

# Seconds per target for `make fuzz`; `make fuzz-smoke` (run by CI after `make test`) runs each for 3.
FUZZ_SECONDS ?= 600

deps:
	@bash .ci/install-deps

demo: deps
	swift run -c release fair demo

test: deps
	swift build --build-tests
	swift test --skip-build

# The fuzz targets are a package of their own (Fuzz/Package.swift), built in release mode with
# libFuzzer and AddressSanitizer instrumenting every FairMTL library they reach. swiftc keeps only
# the last -sanitize= it is given, and SwiftPM's `--sanitize=fuzzer --sanitize=address` passes two
# in an order that varies from run to run (a build then had coverage without ASan, or ASan without
# coverage): so SwiftPM is told only of the fuzzer (it links libFuzzer's main), and the combined
# -sanitize=fuzzer,address comes last on every swiftc line.
fuzz-build: deps
	swift build --package-path Fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing

fuzz: fuzz-build
	Fuzz/run $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	Fuzz/run 3
