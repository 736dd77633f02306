#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine with Node + npm:
# Debian's Chromium and Firefox ESR (no test tool downloads a browser: Playwright drives
# Chromium, puppeteer-core drives Firefox over WebDriver BiDi), pnpm (pinned), and the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.8
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

MISSING=""
if [ ! -x /usr/bin/chromium ]; then MISSING="$MISSING chromium"; fi
if [ ! -x /usr/bin/firefox-esr ]; then MISSING="$MISSING firefox-esr"; fi
if [ -n "$MISSING" ]; then
  echo "setup: installing Debian$MISSING"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $MISSING >/dev/null
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  $SUDO npm install -g --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1
pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
