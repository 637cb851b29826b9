#!/usr/bin/env bash
# A newcomer's clone: clone this repository into an empty temporary folder (no ../shared beside it),
# then run the README's two commands exactly as written, timed. With --fresh-cache the code-server
# tool cache starts empty too (as on a fresh machine); with --twice the test command runs a second
# time (the time of a second run). The README's commands are read from its first ```sh block.
#   scripts/clone-check.sh [--fresh-cache] [--twice] [REPO (default: this checkout)]
set -euo pipefail
fresh=0 twice=0 repo=
for arg in "$@"; do
  case "$arg" in
    --fresh-cache) fresh=1 ;;
    --twice) twice=1 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) repo=$arg ;;
  esac
done
repo=${repo:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d /tmp/adjoint-clone-XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/adjoint"
cd "$work/adjoint"
[ -e ../shared ] && { echo "clone-check: $work/shared exists; the check needs an empty parent" >&2; exit 1; }
if [ "$fresh" = 1 ]; then export ADJOINT_VSCT_HOME="$work/tool-cache"; fi

# The README's first ```sh block: line 1 sets up and runs the bundled example, line 2 runs the tests.
mapfile -t commands < <(awk '/^```sh$/ {on=1; next} on && /^```$/ {exit} on' README.md | sed 's/[[:space:]]*#.*$//' | sed '/^[[:space:]]*$/d')
[ "${#commands[@]}" = 2 ] || { echo "clone-check: expected 2 commands in README.md's first sh block, found ${#commands[@]}" >&2; exit 1; }

run() {
  local label=$1 command=$2 start end
  echo "clone-check: [$label] $command"
  start=$(date +%s)
  bash -c "$command" > "$work/$label.log" 2>&1 || { tail -n 40 "$work/$label.log"; echo "clone-check: [$label] FAILED after $(( $(date +%s) - start )) s"; exit 1; }
  end=$(date +%s)
  tail -n 6 "$work/$label.log"
  grep -E '^ +[0-9]+ (passing|pending|failing)|skipped:' "$work/$label.log" || true
  echo "clone-check: [$label] passed in $(( end - start )) s"
}

echo "clone-check: $(git log -1 --format='%h %s') cloned into $work/adjoint; node $(node --version); tool cache ${ADJOINT_VSCT_HOME:-~/.cache/adjoint-vsct}"
run setup "${commands[0]}"
run test "${commands[1]}"
[ "$twice" = 1 ] && run test-again "${commands[1]}"
echo "clone-check: all README commands passed"
