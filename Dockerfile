# The app image of the multi-node stack (docker-compose.yml): every service process and the
# one-shot migration job run from it. TypeScript runs through tsx, so there is no build step.
FROM node:20-bookworm-slim

ENV NX_NO_CLOUD=true \
    NX_DAEMON=false \
    npm_config_update_notifier=false

WORKDIR /app

# Dependencies first, from the manifests of the root and of every workspace, so that a source
# change does not reinstall them (a new workspace needs its line here: a unit test checks it).
# Development dependencies are kept (tsx runs the app). No install scripts: nothing the services
# run needs one (the embedded PostgreSQL binaries are for single-node development only).
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY libs/bus/package.json libs/bus/
COPY libs/host/package.json libs/host/
COPY libs/http/package.json libs/http/
COPY libs/ledger/package.json libs/ledger/
COPY libs/observability/package.json libs/observability/
COPY libs/postgres/package.json libs/postgres/
COPY libs/projections/package.json libs/projections/
COPY libs/tenancy/package.json libs/tenancy/
COPY services/audit/package.json services/audit/
COPY services/claims/package.json services/claims/
COPY services/evidence/package.json services/evidence/
COPY services/meeting-prep/package.json services/meeting-prep/
COPY tools/alerting/package.json tools/alerting/
COPY tools/boundaries/package.json tools/boundaries/
COPY tools/drills/package.json tools/drills/
COPY tools/jest-progress/package.json tools/jest-progress/
COPY tools/ledger-cli/package.json tools/ledger-cli/
COPY tools/ledger-verify/package.json tools/ledger-verify/
COPY tools/multi-node/package.json tools/multi-node/
COPY tools/registry/package.json tools/registry/
COPY tools/single-node/package.json tools/single-node/
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY . .

# Production from here on: the services refuse to run without their configured keys.
ENV NODE_ENV=production
# The audit service's published-head checkpoints (LEDGER_CHECKPOINT_DIR): a volume is mounted here,
# and a fresh named volume takes this folder's owner.
RUN mkdir -p /var/lib/ledger/checkpoints && chown node:node /var/lib/ledger/checkpoints
USER node
EXPOSE 3000
CMD ["npx", "tsx", "tools/multi-node/src/serviceMain.ts"]
