#!/usr/bin/env bash
# ctest entry e2e_examples: examples/run_examples.sh against the test RGW server.
# Usage: run_examples_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh" "$1" "$2"
bash "$CLI_TESTS/../../examples/run_examples.sh" "$S3C" "$WORK"
