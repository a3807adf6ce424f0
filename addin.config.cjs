/**
 * Where the add-in is served: the one place the dev and production hosts are set. webpack.config.js
 * uses it to write the production manifest, and test/manifest.test.ts checks the manifest against it.
 */
const urlDev = 'https://localhost:3000/';
// An authority hosting the add-in itself (on its intranet, say) builds with SCHOOLRISK_ADDIN_URL set to its
// own address; everything the add-in links to, the functions' help included, is served from that one place.
const urlProd = process.env.SCHOOLRISK_ADDIN_URL || 'https://school-risk-register.github.io/addin/';
const devPort = 3000;

/** The manifest (or functions.json) as deployed: every dev-server URL moved to the production host. */
function toProductionManifest(xml) {
  return String(xml).replaceAll(urlDev, urlProd);
}

module.exports = { urlDev, urlProd, devPort, toProductionManifest };
