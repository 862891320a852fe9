#!/bin/sh
# fuzz.sh runs every fuzz target of sitrep's untrusted-input parsers one at
# a time for FUZZTIME each (default 10m), with one worker so the machine
# keeps a core free, and prints one line per target with its execs.
# Usage: scripts/fuzz.sh [PKG:Target ...]   (default: all below)
set -u
FUZZTIME=${FUZZTIME:-10m}
LOG=${LOG:-fuzz.log}
targets=${*:-"
./internal/server:FuzzQuery
./internal/server:FuzzQueryPostgres
./internal/ingest:FuzzRead
./internal/ingest:FuzzWalkGzip
./internal/ingest:FuzzParseFeed
./internal/ingest:FuzzWARC
./internal/ingest:FuzzJSONL
./internal/clean:FuzzCleanHTML
./internal/clean:FuzzClean
./internal/actors:FuzzParseFile
./internal/events:FuzzParseLexicon
./internal/attrib:FuzzEachRow
./internal/geo:FuzzParseNames
./internal/segment:FuzzSegment
"}
: >"$LOG"
for t in $targets; do
	pkg=${t%%:*}
	name=${t##*:}
	out=$(go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" -parallel 1 2>&1)
	rc=$?
	echo "$out" >>"$LOG"
	last=$(echo "$out" | grep -o 'execs: [0-9]*' | tail -1)
	echo "$pkg $name rc=$rc $last $(echo "$out" | grep -m1 -E '^(--- FAIL|panic|    [a-z_]+_test.go)' )"
done
