#!/usr/bin/env bash
# Copies the front-end libraries installed from npm (package.json) into the static files,
# so the site never loads anything from a CDN.
set -euo pipefail
dest=src/gezondewijk/web/static/vendor
nm=node_modules

mkdir -p "$dest/htmx" "$dest/cytoscape" "$dest/chartjs" "$dest/leaflet/images"
cp "$nm/htmx.org/dist/htmx.min.js" "$nm/htmx.org/LICENSE" "$dest/htmx/"
# Graph drawing: the resident's own network and the coordinator's community picture.
cp "$nm/cytoscape/dist/cytoscape.min.js" "$nm/cytoscape/LICENSE" "$dest/cytoscape/"
# Charts: small, canvas based, accessible through a data table beside each chart.
cp "$nm/chart.js/dist/chart.umd.min.js" "$nm/chart.js/LICENSE.md" "$dest/chartjs/"
# Maps: buurt boundaries and strategic locations.
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$dest/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dest/leaflet/images/"
# Accessibility checks (axe-core) for the browser tests only: injected into the page under test,
# never served by the site.
mkdir -p tests/browser/vendor/axe-core
cp "$nm/axe-core/axe.min.js" "$nm/axe-core/LICENSE" tests/browser/vendor/axe-core/
