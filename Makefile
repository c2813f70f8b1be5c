# airguard — the two commands for a fresh machine are `make run` and `make test`.
# Everything else: build, bench, fuzz, format, clean.
.PHONY: all build deps run test bench fuzz format format-check clean po browser-test

FUZZ_SECONDS ?= 20

all: build

deps:
	@./scripts/install-deps

# The release build; the program is left at build/airguard (scripts and checks rely on it).
build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j2
	@ln -sf release/airguard build/airguard

# Until the server exists: show what exists (the catalog).
run: build
	@./scripts/run

# Builds the dev and asan presets, runs every test in both, then short fuzz runs; the last line
# is "N passed, N failed".
test: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) ./scripts/test-all

bench: build
	@./bench/run

fuzz: deps
	@FUZZ_SECONDS=300 ./scripts/fuzz

# The translators' catalogs (po/airguard.pot, po/ja.po, po/en.po) from the message tables; run it
# after adding or changing messages (tests/integration/test_i18n_po.sh fails while po/ is stale).
po:
	@cmake --preset dev >/dev/null
	@cmake --build build/dev -j2 --target airguard
	@build/dev/airguard i18n export-po po

# The browser tests alone (tests/browser: chromium + playwright-core); screenshots land in
# build/dev/screenshots/.
browser-test: deps
	@cmake --preset dev >/dev/null
	@cmake --build build/dev -j2 --target airguard
	@ctest --test-dir build/dev -R '^browser' --output-on-failure

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
