# syntax=docker/dockerfile:1
# One finsync Node service (APP: api, worker or emulator): runs its TypeScript directly on Node 24 (type
# stripping), no build step. Only APP's production dependencies are installed and only its own folder is
# copied beside shared and migrations, so the API's image holds no worker code.
FROM node:24-bookworm-slim AS deps
ARG APP
WORKDIR /app
RUN npm install -g pnpm@12.21.0
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY shared/package.json shared/
COPY migrations/package.json migrations/
COPY api/package.json api/
COPY worker/package.json worker/
COPY emulator/package.json emulator/
COPY web/package.json web/
COPY prototype/package.json prototype/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
COPY test-support/package.json test-support/
RUN test -n "$APP" || { echo 'build with --build-arg APP=api|worker|emulator' >&2; exit 1; }; \
 apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/* \
 && pnpm install --frozen-lockfile --prod --filter "@finsync/${APP}..."

FROM node:24-bookworm-slim
ARG APP
WORKDIR /app
ENV NODE_ENV=production APP=${APP}
COPY --from=deps /app /app
COPY shared shared
COPY migrations migrations
COPY ${APP} ${APP}
USER node
# exec: node replaces the shell, so it receives the stop signal itself.
CMD exec node "$APP/src/main.ts"
