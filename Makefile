# The two commands a new user runs (README.md): `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all bootstrap configure build test demo bench clean format

all: build

bootstrap:
	@scripts/bootstrap

configure: bootstrap
	@test -f $(BUILD)/build.ninja || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Unit, corpus, conformance and integration tests; ctest starts and stops the loopback S3 server.
# S3C_REQUIRE_RGW=1, S3C_REQUIRE_DUCKDB=1, S3C_REQUIRE_CORPORA=1 and S3C_REQUIRE_TOOLS=1 turn
# "server missing", "DuckDB oracle missing" (tests/oracle), "corpus missing" (../shared/corpora)
# and "zip / openssl program missing" into failures instead of skips (bootstrap installs all but
# the corpora).
test: build
	@cd $(BUILD) && S3C_REQUIRE_RGW=1 S3C_REQUIRE_DUCKDB=1 S3C_REQUIRE_CORPORA=1 \
	  S3C_REQUIRE_TOOLS=1 ctest --output-on-failure -j $(JOBS) --timeout 600

demo: build
	@scripts/demo $(BUILD)

bench: build
	@scripts/bootstrap --bench
	@bench/run_transfer_bench.sh $(BUILD)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD)
