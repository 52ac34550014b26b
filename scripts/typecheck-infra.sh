#!/usr/bin/env bash
# Type-checks sst.config.ts and stacks/ against SST's real component types, with no AWS
# account and only the npm registry. Run it as `npm run typecheck:infra`, so that Node 24 and
# the project's own `sst` and `tsc` are on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# `sst install` writes the component types to .sst/platform/ (git-ignored, about 30 s). Skip it
# when they are already there for the sst version in package.json; reinstall after an upgrade.
wanted="$(node -p 'require("./node_modules/sst/package.json").version')"
installed="$(cat .sst/platform/version 2>/dev/null || true)"
if [[ ! -f .sst/platform/config.d.ts || "$installed" != "$wanted" ]]; then
  # No AWS is contacted (the stage only names the local install). Telemetry is off because
  # its retries against an unreachable host would add about 45 s to an offline run.
  SST_TELEMETRY_DISABLED=1 SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 sst install --stage ci
fi

tsc -p stacks/tsconfig.json
