// A webpack loader for zod's core/util.js: removes the `new Function` probe zod uses to decide whether it
// may compile parsers with eval. The bundles run under a Content-Security-Policy without 'unsafe-eval', and
// core/zod.ts switches zod's JIT off (`jitless`), so the probe never runs; removing it keeps the
// bundles free of any eval, which test/build.test.ts checks. Fails the build if zod's code changes shape.
module.exports = function zodNoEvalLoader(source) {
  const probe = /const F = Function;\s*new F\(""\);\s*return true;/;
  if (!probe.test(source)) throw new Error('zod-no-eval-loader: the `new Function` probe of zod/v4/core/util.js was not found; check the zod version.');
  return source.replace(probe, 'return false;');
};
