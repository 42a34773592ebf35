# syntax=docker/dockerfile:1
# One image for the three services; the container argument picks one:
#   docker run --read-only --tmpfs /tmp -v voicebot-data:/var/lib/voicebot IMAGE media|dialogue|dialer
# Kubernetes manifests: deploy/k8s (they mount /tmp and /var/lib/voicebot and pass the argument).
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: production dependencies (native add-ons compiled here, never in the runtime image)
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY packages/common/package.json packages/common/
COPY packages/platform/package.json packages/platform/
COPY packages/carrier-simulator/package.json packages/carrier-simulator/
COPY services/media/package.json services/media/
COPY services/dialogue/package.json services/dialogue/
COPY services/dialer/package.json services/dialer/
# tsx is a runtime dependency (the services run their TypeScript sources as they are).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Sources and data the services read at run time (tests, benches and tools are in .dockerignore).
COPY proto proto
COPY packages packages
COPY services services
COPY assets/prompts assets/prompts
# The shipped streaming ASR model (wasm/models/…) is baked in; mount another over it or point
# VOICEBOT_MEDIA_ASR_MODEL elsewhere to replace it.
COPY wasm wasm
# media detects the model's kind with the ASR tooling's detector (one dependency-free module).
COPY tools/asr-model/model-dir.ts tools/asr-model/model-dir.ts
COPY deploy/docker deploy/docker

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to the service (the drain) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 voicebot \
 && useradd --system --uid 10001 --gid voicebot --home-dir /var/lib/voicebot --shell /usr/sbin/nologin voicebot \
 && install -d -o voicebot -g voicebot /var/lib/voicebot
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# Read-only root filesystem: everything written goes to /var/lib/voicebot (embedded PGlite) and
# /tmp (tsx's compile cache), both volumes in Kubernetes.
ENV NODE_ENV=production \
    VOICEBOT_DATA_DIR=/var/lib/voicebot \
    TMPDIR=/tmp
VOLUME ["/var/lib/voicebot", "/tmp"]
USER 10001:10001
EXPOSE 8081 8089 9461 9462 9463 50061 50062 50063
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/deploy/docker/entrypoint.mjs"]
CMD ["media"]
