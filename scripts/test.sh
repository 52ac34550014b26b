#!/usr/bin/env bash
# `npm test`: every test, stage by stage, and how long each took (printed at the end, pass or fail),
# so a slow stage is seen at once. Run it as `npm test`, so that Node 24 and the project's tools
# are on the PATH.
set -uo pipefail
cd "$(dirname "$0")/.."

times=()
failed=""

# typecheck:infra spends most of its time on a fresh machine in `sst install` fetching SST's
# providers (about 100 s), waiting on the network: it runs beside the stages after it, its output
# kept and shown when it is done.
infra_out="$(mktemp)"
(
  started=$SECONDS
  npm run --silent typecheck:infra >"$infra_out" 2>&1
  status=$?
  echo "$status $((SECONDS - started))" >"$infra_out.done"
) &
infra_pid=$!

finish_infra() {
  wait "$infra_pid"
  cat "$infra_out"
  read -r status seconds <"$infra_out.done"
  times+=("typecheck:infra $seconds (beside the others)")
  rm -f "$infra_out" "$infra_out.done"
  ((status == 0)) || failed="typecheck:infra"
}

run_stage() {
  local started=$SECONDS
  npm run --silent "$1"
  local status=$?
  times+=("$1 $((SECONDS - started))")
  ((status == 0)) || failed="$1"
}

run_stage typecheck
[[ -z $failed ]] && run_stage test:unit
finish_infra
[[ -z $failed ]] && run_stage test:e2e

echo
echo "Time of each stage (seconds):"
for line in "${times[@]}"; do
  read -r stage seconds note <<<"$line"
  printf '  %-16s %5s %s\n' "$stage" "$seconds" "${note:-}"
done
if [[ -n $failed ]]; then
  echo "Stopped: $failed failed."
  exit 1
fi
