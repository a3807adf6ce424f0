/**
 * Where the add-in is served: the one place the dev and production hosts are set. webpack.config.js
 * uses it to write the production manifest, and test/manifest.test.ts checks the manifest against it.
 */
const urlDev = 'https://localhost:3000/';
const urlProd = 'https://school-risk-register.github.io/addin/';
const devPort = 3000;

/** The manifest as deployed: every dev-server URL moved to the production host. */
function toProductionManifest(xml) {
  return String(xml).replaceAll(urlDev, urlProd);
}

module.exports = { urlDev, urlProd, devPort, toProductionManifest };
