#!/usr/bin/env bash
# html.sh RELMAP SOURCE_DIR SCRATCH_DIR
# -T html in headless Chromium: one self-contained file, no request, no
# console message, every person's node, the URL fragment states, hostile
# text kept as text, nothing of ours in the customer's page.  The checks
# and their controls are in tests/tools/html_check.py.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"
exec python3 "$src/tests/tools/html_check.py" "$relmap" "$src" "$scratch"
