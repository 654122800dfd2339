import { kzgBackend, useKzgBackend } from '../../src/verifier/crypto/kzgBackend'
import { loadMicroKzgBackend } from '../../src/verifier/crypto/microKzgBackend'
import { loadNodeEthKzgBackend } from '../../src/verifier/crypto/nodeEthKzgBackend'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { initKzg } from '../../src/verifier/kinds/initBackends'
import { ReportBuilder } from '../../src/verifier/report'
import { keccak_256 } from '../../src/verifier/crypto/backends'
import { blobLinearHashes, pubdataToZkBlobs, zkBlobToBlob } from '../../src/verifier/zksync/da/blobEncoding'
import { blobVersionedHash, checkPublishedData } from '../../src/verifier/zksync/da/checkPublishedData'
import type { PublishedData } from '../../src/verifier/zksync/batches/dataAvailability'
import { readFixtureJson } from '../../tests/support/fixtures'
import type { Figure, FigureRunner } from '../figure'

/**
 * Data availability (issue 20) on the real kzg_test_0.json blob (36,925 bytes of Era pubdata as an EIP-4844 blob).
 * The floor is the fastest KZG library measured here side by side, @crate-crypto/node-eth-kzg's raw
 * blobToKzgCommitment on the same blob (micro-eth-signer when the native one does not load); the baseline is the
 * pure-JS lane, micro-eth-signer.
 */
const vector = readFixtureJson<{ pubdata: string; expected_outputs: Record<string, string> }>(
  'zksync/zksync-era/kzg/kzg_test_0.json',
)

async function lanes() {
  await initKzg()
  const micro = await loadMicroKzgBackend()
  const native = await loadNodeEthKzgBackend()
  if (!micro) throw new Error('da bench: micro-eth-signer does not load')
  const fastest = native ?? micro
  const pubdata = hexToBytes(`0x${vector.pubdata}`)
  const blob = zkBlobToBlob(pubdataToZkBlobs(pubdata)[0]!)
  const want = `0x${vector.expected_outputs.kzg_commitment}`
  for (const k of [micro, fastest])
    if (bytesToHex(k.blobToKzgCommitment(blob)) !== want)
      throw new Error(`da bench: ${k.name} commitment differs`)
  return { micro, fastest, pubdata, blob }
}

/** What the vector's bound batch commitment fixes (as checkPublishedData.test.ts builds it). */
function bound(pubdata: Uint8Array): PublishedData {
  const o = (k: string) => hexToBytes(`0x${vector.expected_outputs[k]!}`)
  return {
    source: 'blobs',
    fullPubdataHash: keccak_256(pubdata),
    blobs: [
      {
        linearHash: blobLinearHashes(pubdata)[0]!,
        versionedHash: o('versioned_hash'),
        openingPoint: o('opening_point').slice(16),
        claimedValue: o('opening_value'),
      },
    ],
  }
}

export const daBlobCommitmentFigure: Figure = {
  id: 'da-blob-commitment',
  what: 'blob → KZG commitment → versioned hash (the zksync.da.blob[i].versionedHash path), real Era blob',
  unit: 'ms',
  baseline: 'micro-eth-signer 0.20.1 blobToKzgCommitment (pure JS)',
  floor: 'the fastest KZG library here: @crate-crypto/node-eth-kzg 0.10.0 blobToKzgCommitment, same blob',
  goal: 'floorRatio <= 1.5',
  async setup(): Promise<FigureRunner> {
    const { micro, fastest, blob } = await lanes()
    let sink = 0
    return {
      repetitions: 20,
      backends: { ours: kzgBackend()?.name ?? 'none', baseline: micro.name, floor: fastest.name },
      ours() {
        sink ^= blobVersionedHash(blob)!.versionedHash[1]!
        return sink
      },
      baseline() {
        sink ^= micro.blobToKzgCommitment(blob)[0]!
        return sink
      },
      floor() {
        sink ^= fastest.blobToKzgCommitment(blob)[0]!
        return sink
      },
    }
  },
}

export const daBlobCheckFigure: Figure = {
  id: 'da-blob-check',
  what: 'a whole blob check: blob → pubdata (inverse FFT), linear hash, KZG versioned hash, opening, decode',
  unit: 'ms',
  baseline: 'the same check with micro-eth-signer as the KZG backend (the pure-JS lane)',
  floor: 'the fastest KZG library here: @crate-crypto/node-eth-kzg 0.10.0 blobToKzgCommitment, same blob',
  goal: 'floorRatio <= 1.5',
  async setup(): Promise<FigureRunner> {
    const { micro, fastest, pubdata, blob } = await lanes()
    const published = bound(pubdata)
    const check = () => {
      const r = new ReportBuilder({ kind: 'bench', description: 'blob' })
      checkPublishedData(r, published, { kind: 'blobs', blobs: [blob] })
      const report = r.build()
      if (report.verdict !== 'verified') throw new Error('da bench: the vector does not verify')
      return report.checks.length
    }
    let sink = 0
    return {
      repetitions: 12,
      backends: { ours: kzgBackend()?.name ?? 'none', baseline: micro.name, floor: fastest.name },
      ours() {
        sink ^= check()
        return sink
      },
      baseline() {
        const restore = useKzgBackend(micro)
        try {
          sink ^= check()
        } finally {
          restore()
        }
        return sink
      },
      floor() {
        sink ^= fastest.blobToKzgCommitment(blob)[0]!
        return sink
      },
    }
  },
}
