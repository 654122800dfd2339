/**
 * Import rules for src/ (npm run lint runs them): no cycles between modules or folders, and layers that only
 * point down. In src/verifier: the report model, encodings and hash backends at the bottom; then the
 * primitives (mpt, beacon, verkle, binary tree, snark, the ZKsync state tree and batch codecs); then the
 * composite checks (l1, zksync batch proof and evidence, snark evidence, the evidence envelope and its beacon and endpoint
 * checks);
 * then the evidence kinds and their registry (kinds/), which nothing in the verifier imports. src/shared, the
 * contract every side speaks, imports nothing from the verifier but the report model. Tests are left out: no
 * module imports a test, so a test cannot close a cycle.
 */
const BOTTOM = '^src/verifier/(report|encoding|crypto)/'
const PRIMITIVES =
  '^src/verifier/(mpt|beacon|verkle|binarytree|snark|zksync/stateTree|zksync/batches|zksync/da|zksync/bridge)/'
const COMPOSITE = '^src/verifier/(l1|evidence|snark/evidence|zksync/batchProof|zksync/evidence)/'
const REGISTRY = '^src/verifier/kinds/'

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between modules.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      scope: 'folder',
      severity: 'error',
      comment: 'No cycle between folders: a folder is a layer or a part of one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'verifier-bottom',
      severity: 'error',
      comment: 'The report model, encodings and hash backends import nothing else of the verifier.',
      from: { path: BOTTOM },
      to: { path: '^src/verifier/', pathNot: BOTTOM },
    },
    {
      name: 'primitives-point-down',
      severity: 'error',
      comment: 'Primitives know nothing of composite checks, evidence or the registry.',
      from: { path: PRIMITIVES, pathNot: COMPOSITE },
      to: { path: `${COMPOSITE}|${REGISTRY}` },
    },
    {
      name: 'registry-on-top',
      severity: 'error',
      comment: 'Only the registry and the hosts (main, cli, renderer) import evidence kinds.',
      from: { path: '^src/verifier/', pathNot: REGISTRY },
      to: { path: REGISTRY },
    },
    {
      name: 'verifier-is-pure',
      severity: 'error',
      comment: 'The verifier imports no host: no main, renderer, cli or preload.',
      from: { path: '^src/verifier/' },
      to: { path: '^src/(main|renderer|cli|preload)/' },
    },
    {
      name: 'shared-is-the-ground-floor',
      severity: 'error',
      comment: 'src/shared imports no host and nothing of the verifier above the report model.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|cli|preload)/|^src/verifier/', pathNot: '^src/verifier/report/' },
    },
    {
      name: 'product-not-test',
      severity: 'error',
      comment: 'Product code never imports the test world or test helpers.',
      from: { path: '^src/' },
      to: { path: '^(devnet|tests)/' },
    },
  ],
  options: {
    includeOnly: '^(src|devnet|tests)/',
    exclude: { path: '\\.(test|bench)\\.tsx?$' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
}
