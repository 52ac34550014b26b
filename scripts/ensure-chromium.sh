#!/usr/bin/env bash
# Browser tests use Debian's Chromium: Playwright cannot download its own browsers here.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$browser" ]] && exit 0
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package (as root)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $browser, and it is not there.
On Debian or Ubuntu, install it with:
  sudo apt-get install -y chromium
Or point CHROMIUM_PATH at another Chromium and run npm test again.
MSG
exit 1
