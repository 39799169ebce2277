# alma-suite server image: docs/deploy.md. Multi-stage: the dashboard is built with the dev
# dependencies, the image keeps production dependencies only, and runs as the `node` user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
# `npm ci` runs the root `prepare`, which builds the dashboard into apps/admin/dist.
RUN npm ci --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/core ./core
COPY --from=build /app/plugins ./plugins
COPY --from=build /app/apps ./apps
RUN rm -rf node_modules apps/*/node_modules plugins/*/node_modules core/node_modules \
    && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force \
    && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "apps/server/src/cli-entry.mjs", "start"]
