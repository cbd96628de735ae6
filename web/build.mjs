// Build the web page's vendored assets from node_modules (run by `make web`):
//   leaflet.js, leaflet.css and its marker images, unchanged;
//   countries-50m.geojson: Natural Earth 1:50m country outlines (world-atlas, public
//   domain) converted from TopoJSON, the offline basemap of the page and of reports.
// Nothing is fetched at run time: the page and `sitrep report` read these files.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "src", "sitrep", "serve", "static", "vendor");
mkdirSync(join(out, "images"), { recursive: true });

const leaflet = join(modules, "leaflet", "dist");
for (const name of ["leaflet.js", "leaflet.css"]) {
  copyFileSync(join(leaflet, name), join(out, name));
}
for (const name of readdirSync(join(leaflet, "images"))) {
  copyFileSync(join(leaflet, "images", name), join(out, "images", name));
}

const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-50m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
// Five decimals (about 1 m) is far finer than 1:50m outlines; it halves the file.
const rounded = JSON.stringify(countries, (key, value) =>
  typeof value === "number" && key !== "id" ? Math.round(value * 1e5) / 1e5 : value,
);
writeFileSync(join(out, "countries-50m.geojson"), rounded);

const versions = ["leaflet", "topojson-client", "world-atlas"].map((name) => {
  const meta = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  return `${name} ${meta.version} (${meta.license})`;
});
writeFileSync(
  join(out, "VERSIONS.txt"),
  `Built by web/build.mjs from npm packages:\n${versions.join("\n")}\n` +
    "Country outlines: Natural Earth 1:50m (public domain), via world-atlas.\n",
);
console.log(`web assets -> ${out}: ${versions.join(", ")}`);
