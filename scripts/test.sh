#!/usr/bin/env bash
# The one test command (npm test): typecheck, lint (ESLint and the layers), build, unit + integration tests, then
# end-to-end tests in Debian's Chromium. Set TEST_DATABASE_URL=postgres://… to run
# every suite against PostgreSQL (a fresh database is created for each test file).
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC NODE_ENV=test
echo "== Typecheck"
npx react-router typegen
npx tsc --noEmit
echo "== Lint (ESLint, and the layers with dependency-cruiser)"
npm run lint --silent
echo "== Build (some integration tests start the built server)"
npm run build --silent >/dev/null
backend=PGlite; [ -n "${TEST_DATABASE_URL:-}" ] && backend=PostgreSQL
echo "== Unit and integration tests ($backend)"
npx vitest run
echo "== End-to-end tests in Chromium"
npx vitest run --config vitest.e2e.config.ts
