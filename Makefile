# FairMTL: the two set-up commands of the README.
#   make demo   install what is missing, build, run the guided demo
#   make test   install what is missing, build, run every test
.PHONY: demo test deps bench

deps:
	@bash .ci/install-deps

demo: deps
	swift run -c release fair demo

test: deps
	swift build --build-tests
	swift test --skip-build
