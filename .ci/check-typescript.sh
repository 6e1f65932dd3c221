#!/usr/bin/env bash
# A frontend team's view of the schema: graphql-codegen generates TypeScript for the README's example
# operations (clients/typescript/operations) from schema/, and tsc --strict compiles code that uses it.
# A schema change that breaks generated clients, or a scalar without a mapping, fails here.
set -euo pipefail
cd "$(dirname "$0")/../clients/typescript"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent check
echo "TypeScript client: generated and compiled with tsc --strict"
