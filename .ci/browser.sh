#!/usr/bin/env bash
# Install what the end-to-end browser tests need: Debian's chromium and the playwright pip
# package (Python driver only). Never run `playwright install`: it downloads a browser, which
# cannot work offline; the tests launch /usr/bin/chromium through executable_path instead.
# Usage: .ci/browser.sh [path/to/venv]   (default: .venv beside this folder)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv}"

if ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
"$venv/bin/pip" install --quiet 'playwright==1.65.2'
chromium --version
"$venv/bin/python" -c "import playwright.sync_api; print('playwright driver ok')"
