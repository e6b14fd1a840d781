#!/usr/bin/env bash
# The long fuzz: N generated inputs (random bytes and single-byte mutations of valid files) per
# parser, through the same property the test suite runs with a few hundred. Prints, per parser,
# the count and the distinct error messages; fails if any input escapes the documented error path.
#   scripts/fuzz.sh [N]    (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-10000}
report=$(mktemp)
LNSGD_FUZZ_CASES=$cases LNSGD_FUZZ_REPORT=$report \
  dotnet test Properties -c Release --filter "FullyQualifiedName~Lnsgd.Properties.Fuzz" --logger "console;verbosity=minimal"
cat "$report"
rm -f "$report"
