#!/usr/bin/env bash
# `npm test`: every test, stage by stage, and how long each took (printed at the end, pass or fail),
# so a slow stage is seen at once. Run it as `npm test`, so that Node 24 and the project's tools
# are on the PATH.
set -uo pipefail
cd "$(dirname "$0")/.."

stages=(typecheck typecheck:infra test:unit test:e2e)
times=()
status=0
for stage in "${stages[@]}"; do
  started=$SECONDS
  npm run --silent "$stage"
  status=$?
  times+=("$stage $((SECONDS - started))")
  ((status == 0)) || break
done

echo
echo "Time of each stage (seconds):"
for line in "${times[@]}"; do printf '  %-16s %5s\n' ${line}; done
((status == 0)) || echo "Stopped: ${times[-1]%% *} failed."
exit "$status"
