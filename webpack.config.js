// Builds the shared runtime: one page (taskpane.html) hosts the task pane and the custom functions.
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { Compilation, sources } = require('webpack');
const { devPort, toProductionManifest } = require('./addin.config.cjs');

/** A Markdown document as a plain HTML page (our own text: no scripts, nothing fetched). */
async function docPage(content, file) {
  const { marked } = await import('marked');
  const text = String(content);
  const title = (/^# (.+)$/m.exec(text)?.[1] ?? path.basename(file, '.md')).replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>body{font-family:'Segoe UI',system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#242424}table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #d1d1d1;padding:.3rem .5rem;vertical-align:top;text-align:left}code{background:#f5f5f5;padding:0 .2rem}</style>
</head>
<body>
${marked.parse(text, { async: false })}
</body>
</html>
`;
}

/** The README's function reference alone: the functions' help page, served by the add-in itself (works offline, on any host). */
function functionReference(readme) {
  const text = String(readme);
  const from = text.indexOf('\n## Function reference');
  const to = text.indexOf('\n## ', from + 1);
  if (from < 0) throw new Error('README.md has no "## Function reference" section for the functions\' help page');
  return `# School risk register: custom functions\n${text.slice(from, to < 0 ? undefined : to).replace('## Function reference', '')}`;
}

/**
 * functions.json as the JSDoc cannot say it: the options of functions/functionsJsonOptions.json at its top
 * (errors in a range reach the functions, so an error cell stops only its own row; the metadata generator
 * has no tag for it), and in production builds the help URLs on the production host, as the manifest's.
 */
class FunctionsJsonFinish {
  constructor(production) {
    this.production = production;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('FunctionsJsonFinish', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'FunctionsJsonFinish', stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, (assets) => {
        if (!assets['functions.json']) return;
        const text = JSON.stringify(withFunctionsJsonOptions(JSON.parse(assets['functions.json'].source().toString())), null, 2);
        compilation.updateAsset('functions.json', new sources.RawSource(this.production ? toProductionManifest(text) : text));
      });
    });
  }
}

/** The generated metadata with functions/functionsJsonOptions.json's top-level options (scripts/functionsMetadataLock.ts hashes the same). */
function withFunctionsJsonOptions(metadata) {
  return { ...require('./functions/functionsJsonOptions.json'), ...metadata };
}

/**
 * The webpack configuration. `env.outDir` builds elsewhere than dist/ (the build test uses a temporary folder);
 * the mode comes from `--mode` (production unless it says development).
 */
module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === 'development';
  const config = {
    mode: dev ? 'development' : 'production',
    // Paths resolve from this folder, whatever the caller's working directory (the build test, an IDE).
    context: __dirname,
    // Production output must run under the page's Content-Security-Policy (no 'unsafe-eval'), so never an eval-* devtool.
    devtool: dev ? 'source-map' : false,
    // The shared runtime is Chromium WebView2 / Edge / Safari (React 19 and Fluent 9 need them anyway); saying so
    // lets webpack use `globalThis` instead of its `new Function("return this")` fallback.
    target: ['web', 'es2022'],
    entry: {
      taskpane: './taskpane/index.tsx',
      functions: './functions/functions.ts',
    },
    output: {
      path: path.resolve(__dirname, env.outDir || 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } } },
        // No eval in the bundles: zod's JIT is off (core/zod.ts) and its eval probe is removed.
        { test: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/, use: { loader: path.resolve(__dirname, 'scripts/zod-no-eval-loader.cjs') } },
      ],
    },
    performance: { hints: false },
    // No `global` shim: webpack's shim reaches for `new Function`, which the pane's CSP forbids.
    node: { global: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: path.resolve(__dirname, 'functions/functions.ts') }),
      new FunctionsJsonFinish(!dev),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './taskpane/taskpane.html', chunks: ['taskpane', 'functions'], scriptLoading: 'defer' }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: '[name][ext]', transform: (content) => (dev ? content : toProductionManifest(content)) },
          // Each framework's reading of its policy, as a page the pane's "How we read it" link opens.
          { from: 'docs/frameworks/*.md', to: 'docs/frameworks/[name].html', transform: (content, file) => docPage(content, file) },
          { from: 'docs/ofsted.md', to: 'docs/[name].html', transform: (content, file) => docPage(content, file) },
          // The help each function's "Learn more" opens (its @helpurl), built from the README's function reference.
          { from: 'README.md', to: 'help/functions.html', transform: (content, file) => docPage(functionReference(content), file) },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: devPort,
    },
  };
  // Certificates only when the dev server really starts, so `npm run build` never needs them. `webpack serve`
  // says so through env.WEBPACK_SERVE (webpack-cli 6 sets no process.env variable for it).
  if (env.WEBPACK_SERVE) {
    const devCerts = require('office-addin-dev-certs');
    config.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }
  return config;
};
