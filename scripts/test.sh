#!/usr/bin/env bash
# The test command (`npm test`; CI runs `npm ci && npm test` on a fresh machine).
#
#  1. installs what the tests need from Debian when it is missing: PostgreSQL's server binaries and Chromium
#     (skips apt entirely when both are present);
#  2. starts a throwaway PostgreSQL cluster on a free port on 127.0.0.1 and exports TEST_DATABASE_URL
#     (stopped and removed on exit, failure or Ctrl-C);
#  3. runs, failing fast: prettier --check, eslint, tsc --noEmit, npm run build, then the tests
#     (node scripts/run-tests.mjs) with TZ=Europe/London, ASCENT_TODAY=2026-11-22 and CHROMIUM_PATH set.
#
# Quiet: each step prints one status line; the full output goes to test-results/test.log (and one file per
# step beside it), and a failing step's output is printed. Arguments are passed to run-tests.mjs, to run a
# subset: `npm test -- src/store`. Set TEST_SKIP_CHECKS=1 to skip prettier/eslint/tsc/build while iterating.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
LOG_DIR=$ROOT/test-results
mkdir -p "$LOG_DIR"
LOG=$LOG_DIR/test.log
: >"$LOG"

export TZ=Europe/London
export ASCENT_TODAY=2026-11-22
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export NO_COLOR=1 FORCE_COLOR=0
# Chromium must reach only this machine; keep any proxy setting away from the loopback test servers.
export NO_PROXY=${NO_PROXY:+$NO_PROXY,}127.0.0.1,localhost no_proxy=${no_proxy:+$no_proxy,}127.0.0.1,localhost

RUN_START=$EPOCHREALTIME
TIMINGS=()
PG_DIR=
PG_BIN=

log() { printf '%s\n' "$*" >>"$LOG"; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# step NAME COMMAND...: runs COMMAND with its output in the logs, prints one status line, stops the run on failure.
# COMMAND may be a function of this script (it runs in this shell, so its exports stay); `set -e` does not
# apply inside it there, so those functions check each command themselves (`|| return 1`).
step() {
  local name=$1
  shift
  local out=$LOG_DIR/$name.log start=$EPOCHREALTIME rc=0
  log "" "=== $name: $*"
  "$@" >"$out" 2>&1 </dev/null || rc=$?
  cat "$out" >>"$LOG"
  local took
  took=$(elapsed "$start")
  TIMINGS+=("$name ${took}s")
  if ((rc == 0)); then
    printf '  ok    %-10s %6ss\n' "$name" "$took"
    return 0
  fi
  printf '  FAIL  %-10s %6ss  (exit %d; full output: %s)\n' "$name" "$took" "$rc" "${out#"$ROOT"/}"
  if [[ $name == tests ]] && grep -q '^✖ failing tests:' "$out"; then
    # The runner's recap of the failures, then its summary.
    sed -n '/^✖ failing tests:/,$p' "$out" | head -n 400
    grep -E '^(ℹ (tests|pass|fail|cancelled|skipped) |tests: )' "$out" || true
  else
    tail -n 120 "$out"
  fi
  echo "FAILED: $name (exit $rc) after $(elapsed "$RUN_START")s; log: ${LOG#"$ROOT"/}"
  exit "$rc"
}

# ---------------------------------------------------------------------------------------------- cleanup

stop_postgres() {
  local dir=$1
  [[ -n $dir && -d $dir ]] || return 0
  if [[ -n $PG_BIN && -f $dir/data/postmaster.pid ]]; then
    (cd "$dir" && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop) >>"$LOG" 2>&1 || true
  fi
  rm -rf "$dir"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $PG_DIR ]]; then
    stop_postgres "$PG_DIR"
    log "postgres: stopped and removed $PG_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------- system packages

find_pg_bin() {
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres && -x $d/psql ]]; then
    printf '%s\n' "$d"
    return 0
  fi
  return 1
}

install_packages() {
  local need=()
  find_pg_bin >/dev/null || need+=(postgresql)
  [[ -x $CHROMIUM_PATH ]] || need+=(chromium)
  # Report tests open generated Word files in LibreOffice (headless) to prove they are well formed.
  command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
  # Report tests read the text of generated PDFs back with pdftotext.
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  # Chromium renders text with whatever fonts fontconfig finds; make sure there are some.
  compgen -G '/usr/share/fonts/truetype/*/*.ttf' >/dev/null || need+=(fonts-dejavu-core fonts-liberation)
  if ((${#need[@]} == 0)); then
    echo "postgresql, chromium, libreoffice and poppler-utils already present"
    return 0
  fi
  [[ " ${need[*]} " == *" chromium "* && $CHROMIUM_PATH != /usr/bin/chromium ]] && {
    echo "CHROMIUM_PATH=$CHROMIUM_PATH does not exist (unset it to use Debian's /usr/bin/chromium)"
    return 1
  }
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "missing Debian packages: ${need[*]}; not root and no password-less sudo:"
      echo "  sudo apt-get install -y --no-install-recommends ${need[*]}"
      return 1
    fi
  fi
  echo "installing: ${need[*]}"
  local apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -q || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -q \
    --no-install-recommends "${need[@]}" || return 1
  find_pg_bin >/dev/null || {
    echo "PostgreSQL server binaries still missing under /usr/lib/postgresql/*/bin"
    return 1
  }
  [[ -x $CHROMIUM_PATH ]] || {
    echo "$CHROMIUM_PATH still missing"
    return 1
  }
  "$CHROMIUM_PATH" --version || true
}

# ---------------------------------------------------------------------------------------------- PostgreSQL

# initdb and postgres refuse to run as root: as root, run them as the `postgres` user the Debian package creates.
as_pg() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# Clusters left behind by a run that was killed outright (SIGKILL, power loss): stop them and remove them.
reap_stale_clusters() {
  local dir owner
  for dir in "${TMPDIR:-/tmp}"/ascent-test-pg.*; do
    [[ -d $dir && -f $dir/owner.pid ]] || continue
    owner=$(cat "$dir/owner.pid" 2>/dev/null || true)
    if [[ -n $owner ]] && kill -0 "$owner" 2>/dev/null; then continue; fi
    echo "removing a cluster left by an earlier run: $dir"
    stop_postgres "$dir"
  done
}

start_postgres() {
  PG_BIN=$(find_pg_bin) || {
    echo "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
    return 1
  }
  reap_stale_clusters
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ascent-test-pg.XXXXXX") || return 1
  echo $$ >"$PG_DIR/owner.pid" || return 1
  if ((EUID == 0)); then
    id -u postgres >/dev/null 2>&1 || {
      echo "running as root needs the 'postgres' system user (created by Debian's postgresql package)"
      return 1
    }
    chown postgres: "$PG_DIR" || return 1
  fi
  chmod 700 "$PG_DIR" || return 1
  echo "cluster in $PG_DIR with $("$PG_BIN/postgres" --version)"
  (cd "$PG_DIR" && as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync) ||
    return 1

  local attempt port=
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    echo "starting on 127.0.0.1:$port (attempt $attempt)"
    # Throwaway data: durability off for speed.
    if (cd "$PG_DIR" && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start); then
      break
    fi
    cat "$PG_DIR/server.log" || true
    port=
  done
  [[ -n $port ]] || {
    echo "PostgreSQL did not start"
    return 1
  }
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres ascent_test || return 1
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/ascent_test"
  # The URL the tests get must work: connect with it and ask for the server's version.
  "$PG_BIN/psql" "$TEST_DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c 'SELECT version()' || return 1
  echo "TEST_DATABASE_URL=$TEST_DATABASE_URL"
}

# ---------------------------------------------------------------------------------------------- run

echo "test.sh: full log in ${LOG#"$ROOT"/}"
if [[ ! -x node_modules/.bin/tsx || ! -x node_modules/.bin/eslint ]]; then
  echo "FAILED: node_modules is missing or incomplete: run \`npm ci\` first"
  exit 1
fi

step apt install_packages
step postgres start_postgres
echo "          PostgreSQL: $TEST_DATABASE_URL; Chromium: $CHROMIUM_PATH; TZ=$TZ ASCENT_TODAY=$ASCENT_TODAY"
if [[ ${TEST_SKIP_CHECKS:-} != 1 ]]; then
  step prettier npx prettier --check .
  step eslint npx eslint .
  step tsc npx tsc -p tsconfig.json --noEmit
  step build npm run build
fi
step tests node scripts/run-tests.mjs "$@"

summary=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed' "$LOG_DIR/tests.log" | tail -n 1)
timings=$(printf '%s, ' "${TIMINGS[@]}")
echo "steps: ${timings%, }; total $(elapsed "$RUN_START")s"
echo "PASSED: ${summary#tests: }"
