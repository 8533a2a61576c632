#!/usr/bin/env bash
# Copies the front-end libraries installed from npm (package.json) into the static files,
# so the site never loads anything from a CDN.
set -euo pipefail
dest=src/gezondewijk/web/static/vendor
mkdir -p "$dest/htmx"
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE "$dest/htmx/"
