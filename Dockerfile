# Production image: gunicorn + whitenoise, the same image runs the task worker.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
# The test suite's OpenID Connect provider (a devDependency) stays out of the image.
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 app
COPY pyproject.toml README.md ./
RUN pip install --quiet .
COPY --from=assets /app/node_modules ./node_modules
COPY . .
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only \
    python manage.py collectstatic --no-input --verbosity 0
USER app
EXPOSE 8000
# Three workers: they share the rate limits only through Redis (DJANGO_REDIS_URL); without it
# gunicorn.conf.py refuses to start them.
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
