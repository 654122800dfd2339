import { cryptoPreference, initBackends } from '../../src/verifier/kinds/initBackends'

/**
 * vitest setup: every test file runs on the backends a host would pick (the fast wasm ones), so `npm test`
 * exercises the fast paths; `LIGHTPROOF_CRYPTO=noble npm run test:unit` runs the whole suite on the reference
 * lane instead. The differential tests switch lanes themselves.
 */
await initBackends({ prefer: cryptoPreference(process.env.LIGHTPROOF_CRYPTO) })
