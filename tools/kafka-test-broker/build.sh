#!/usr/bin/env bash
# Builds the test broker; needs Debian's librdkafka-dev (installed by .ci/run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gcc -O2 -Wall -o "$here/mockkafka" "$here/mockkafka.c" -lrdkafka
