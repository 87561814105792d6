#!/bin/sh
# Fills corpus/<target>-<format>/ with the committed fixtures, one corpus per format, for
#   RUSTC_BOOTSTRAP=1 cargo fuzz run read_any corpus/read_any-xls -- -max_total_time=600
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/read_any-txt corpus/read_any-csv corpus/read_any-json corpus/read_any-jsonl \
    corpus/read_any-xlsx corpus/read_any-xls corpus/read_any-ods
cp "$root"/samples/*.txt "$root"/fixtures/wild/*.txt "$root"/fixtures/layouts/*.txt corpus/read_any-txt/
cp "$root"/fixtures/csv/*.csv corpus/read_any-csv/
cp "$root"/samples/*.expected.json "$root"/fixtures/sheets/*.expected.json corpus/read_any-json/
for f in "$root"/samples/*.expected.json; do
    python3 -c 'import json,sys; [print(json.dumps(d, ensure_ascii=False)) for d in json.load(open(sys.argv[1]))]' "$f" \
        > "corpus/read_any-jsonl/$(basename "$f" .expected.json).jsonl"
done
cp "$root"/fixtures/sheets/*.xlsx corpus/read_any-xlsx/
cp "$root"/fixtures/sheets/*.xls corpus/read_any-xls/
cp "$root"/fixtures/sheets/*.ods corpus/read_any-ods/
