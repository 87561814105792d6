#!/usr/bin/env bash
# The web application under load: 100,000 tables in the store (SQLite, then PostgreSQL), the
# release binary serving on 127.0.0.1, `wrk` in a separate process with 16 connections for a
# bounded run against the filtered list and a table's page, logged in as a reviewer.
#
#     apt-get install wrk sqlite3 postgresql-client
#     bench/web_load.sh                       # both stores; RUNS=3 runs of DURATION=20s each
#     PG_URL=postgres://postgres@127.0.0.1:5432/postgres bench/web_load.sh
#     STORES=sqlite TABLES=20000 RUNS=1 bench/web_load.sh
#
# PG_URL is an existing database used only to create and drop the scratch database
# `jixiao_webperf`. Everything is made in a temporary directory and removed at the end, the
# scratch database too. Prints wrk's summary for each run and a line per run:
#     RESULT store page run requests_per_s p50 p99

set -euo pipefail

TABLES=${TABLES:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18917}
STORES=${STORES:-"sqlite postgres"}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DB=jixiao_webperf
PER_FILE=2000

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server=""

cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [[ " $STORES " == *" postgres "* ]]; then
        psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl sqlite3 psql; do
    command -v "$tool" >/dev/null || { echo "web_load.sh: $tool is needed" >&2; exit 1; }
done

echo "== building the release binary and the corpus generator" >&2
(cd "$root" && cargo build --release -q -p jixiao && cargo build --release -q -p jixiao-bench --example corpus)
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
jixiao="$target/release/jixiao"
corpus="$target/release/examples/corpus"

echo "== writing $TABLES tables in files of $PER_FILE" >&2
# The generator repeats 960 (year, department, project) keys; a number after each project
# name makes every table a table of its own. About 1.1 KB of text per table; awk reads to the
# end (rather than exit and break the pipe) and keeps the first $TABLES.
mkdir "$work/corpus"
"$corpus" $(( TABLES * 13 / 10000 + 1 )) 2020 2>/dev/null | awk -v limit="$TABLES" -v per="$PER_FILE" -v dir="$work/corpus" '
    /项目支出预算绩效目标表$/ { n++; file = sprintf("%s/%04d.txt", dir, int((n - 1) / per)) }
    n == 0 || n > limit { next }
    /^项目名称\t/ { sub(/^项目名称\t[^\t]*/, "&（" n "）") }
    { print > file }'
made=$(cat "$work"/corpus/*.txt | grep -c '项目支出预算绩效目标表$')
[ "$made" -eq "$TABLES" ] || { echo "web_load.sh: wrote $made tables, not $TABLES" >&2; exit 1; }

# Statuses as a store in use has them (the import leaves every table a draft): by id, 40%
# published, 20% submitted, 10% approved, 10% returned, 20% drafts.
spread_statuses() {
    cat <<'SQL'
UPDATE target_tables SET status = CASE id % 10
    WHEN 0 THEN 'published' WHEN 1 THEN 'published' WHEN 2 THEN 'published' WHEN 3 THEN 'published'
    WHEN 4 THEN 'submitted' WHEN 5 THEN 'submitted' WHEN 6 THEN 'approved' WHEN 7 THEN 'returned'
    ELSE 'draft' END;
UPDATE target_tables SET published_version = version WHERE status = 'published';
SQL
}

# The wrk script: each request a random year's submitted tables (the reviewer's queue), or a
# random table's page.
cat >"$work/list.lua" <<'LUA'
math.randomseed(os.time())
request = function()
    return wrk.format("GET", "/tables?year=" .. math.random(2018, 2025) .. "&status=submitted")
end
LUA
cat >"$work/table.lua" <<LUA
math.randomseed(os.time())
request = function()
    return wrk.format("GET", "/tables/" .. math.random(1, $TABLES))
end
LUA

# wrk's latency figures in milliseconds.
ms() {
    awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
           else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'
}

measure() {
    local store=$1 db=$2
    echo "== importing into $store" >&2
    local start=$SECONDS
    "$jixiao" import "$work"/corpus/*.txt --db "$db" >/dev/null 2>"$work/import.log" || {
        # Exit status 1 means findings (error-level findings in some tables), not a failure.
        [ $? -eq 1 ] || { cat "$work/import.log" >&2; exit 1; }
    }
    echo "   $TABLES tables in $(( SECONDS - start )) s" >&2
    if [ "$store" = sqlite ]; then
        spread_statuses | sqlite3 "${db#sqlite:}"
    else
        spread_statuses | psql -q "$db"
        psql -qc "VACUUM ANALYZE" "$db"
    fi
    printf 'webperf-secret\n' | "$jixiao" user add caizheng --role reviewer --db "$db" >/dev/null

    "$jixiao" serve --db "$db" --addr "127.0.0.1:$PORT" >"$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/public" >/dev/null && break; sleep 0.2; done
    local token
    token=$(curl -fs -H 'content-type: application/json' -d '{"username":"caizheng","password":"webperf-secret"}' \
        "http://127.0.0.1:$PORT/api/login" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    # Both pages must answer 200 with content before they are timed.
    curl -fs -H "authorization: Bearer $token" "http://127.0.0.1:$PORT/tables?year=2020&status=submitted" | grep -q '共 '
    curl -fs -H "authorization: Bearer $token" "http://127.0.0.1:$PORT/tables/1" | grep -q '指标与审核意见'

    for page in list table; do
        for run in $(seq "$RUNS"); do
            wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$work/$page.lua" \
                -H "authorization: Bearer $token" "http://127.0.0.1:$PORT" >"$work/wrk.txt"
            cat "$work/wrk.txt" >&2
            if grep -q 'Non-2xx' "$work/wrk.txt"; then echo "web_load.sh: error answers under load" >&2; exit 1; fi
            local rps p50 p99
            rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$work/wrk.txt")
            p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt" | ms)
            p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt" | ms)
            echo "RESULT $store $page $run $rps ${p50}ms ${p99}ms"
        done
    done
    kill "$server"; wait "$server" 2>/dev/null || true
    server=""
}

for store in $STORES; do
    case $store in
        sqlite) measure sqlite "sqlite:$work/webperf.db" ;;
        postgres)
            psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
            psql "$PG_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
            measure postgres "${PG_URL%/*}/$PG_DB"
            ;;
        *) echo "web_load.sh: unknown store $store" >&2; exit 1 ;;
    esac
done
