#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine with Node + npm:
# Debian's Chromium (no test tool downloads a browser), pnpm (pinned), and the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.8
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  $SUDO npm install -g --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
