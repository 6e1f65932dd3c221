#!/usr/bin/env bash
# GraphQL over HTTP conformance: starts the packaged gateway (target/orgql.jar, built by ./mvnw verify)
# on a free port and runs the graphql-http audits against it (clients/http-audit). The audits ask only
# `{ __typename }`-style documents without a token, so Logto is never called: LOGTO_ENDPOINT points at a
# port nothing listens on.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 LOGTO_ENDPOINT=http://127.0.0.1:9 \
  LOGTO_M2M_APP_ID=audit LOGTO_M2M_APP_SECRET=audit ORGQL_API_RESOURCE=https://audit.example.com/api \
  java -jar target/orgql.jar >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
  if grep -q "Startup completed" "$log"; then break; fi
  if ! kill -0 $pid 2>/dev/null; then cat "$log"; echo "the gateway did not start"; exit 1; fi
  sleep 0.5
done
cd clients/http-audit
npm ci --no-audit --no-fund --loglevel=error
node audit.mjs "http://127.0.0.1:$port/graphql"
