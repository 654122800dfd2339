import { describe, expect, it } from 'vitest'
import { readRepoText } from '../../../tests/support/fixtures'
import { parseJsonLossless } from '../encoding/json'
import {
  KNOWN_VERIFICATION_KEYS,
  knownVerificationKey,
  UNLISTED_KEY_NAME,
  verificationKeyName,
} from './knownVerificationKeys'
import { parseVerificationKey } from './parseVerificationKey'
import { verificationKeyHash } from './verificationKey'

/**
 * The name book against era-contracts' own key files (issue 16): every `tools/data/{plonk,fflonk}_scheduler_key.json`
 * at release-v28, v28.1 (540762151), 45c7ac9e0 and 1f4e39950, and the v21/v22 PLONK key, taken byte for byte
 * into ./keys/ (PROVENANCE.md there), hashed with Lightproof's own verificationKeyHash.
 */
const ERA_CONTRACTS_KEYS: { file: string; commit: string; hash: string; version: RegExp }[] = [
  {
    file: 'era-plonk-v28.0.json',
    commit: '9a32f2126',
    hash: '0xd90459c5b727b9ceeb2b6192d2953dbf05970edf090333b3ad3bcac1a1442b78',
    version: /v28\.0/,
  },
  {
    file: 'era-fflonk-v28.0.json',
    commit: '9a32f2126',
    hash: '0x17e8d7931f1314431359233e65c22657a32c335205e3c24ce292c5819becfaa7',
    version: /v28\.0/,
  },
  {
    file: 'era-plonk-v28.1.json',
    commit: '540762151',
    hash: '0x64b347c642ea60114c98b3976124ea8a7e0bb778bd7e479aedc02f994486c8a1',
    version: /v28\.1/,
  },
  {
    file: 'era-fflonk-v28.1.json',
    commit: '540762151',
    hash: '0x6f36a08c517b060fa97308cdb3e23b04842ff839d451a753ec8fae1a5408304a',
    version: /v28\.1/,
  },
  {
    file: 'era-plonk-v28.2.json',
    commit: '45c7ac9e0',
    hash: '0x1ffc56111a5cfaf5db387f6a31408ad20217e9bc1f31f2f5c1bd38b0d6d7968b',
    version: /v28\.2/,
  },
  {
    file: 'era-fflonk-v28.2.json',
    commit: '45c7ac9e0',
    hash: '0x49eae0bf5c7ea580f4979b366e52b386adc5f42e2ce50fc1d3c4de9a86052bff',
    version: /v28\.2/,
  },
  {
    file: 'era-plonk-v29-main-2026-01.json',
    commit: '1f4e39950',
    hash: '0x93e83aa1ec05a2ac4de1f0b241394efb9f94a4e7c1784a5a9bf6b85eb930c62a',
    version: /v29/,
  },
  {
    file: 'era-fflonk-v29-main-2026-01.json',
    commit: '1f4e39950',
    hash: '0xe4503cf38485e3d728a7362155d53d3d63293e2fa48dca4f5588aa4625de251f',
    version: /v29/,
  },
  {
    file: 'era-plonk-v21-v22.json',
    commit: '99cbf80a8',
    hash: '0x063c6fb5c70404c2867f413a8e35563ad3d040b1ad8c11786231bfdba7b472c7',
    version: /v21–v22/,
  },
]

describe('the verification-key name book', () => {
  it("every era-contracts key file hashes to its row, named with 'Era' and its protocol version", () => {
    for (const k of ERA_CONTRACTS_KEYS) {
      const vk = parseVerificationKey(parseJsonLossless(readRepoText(`src/verifier/snark/keys/${k.file}`)))
      expect(verificationKeyHash(vk), k.file).toBe(k.hash)
      const row = knownVerificationKey(k.hash)
      expect(row, k.file).toBeDefined()
      expect(row!.file).toBe(k.file)
      expect(row!.system).toBe(vk.system)
      expect(row!.name).toMatch(/\bEra\b/)
      expect(row!.name).toMatch(k.version)
      expect(row!.source).toContain(`EC ${k.commit}`)
    }
  })

  it('names 0x6f36… Era FFLONK v28.1, and no key "not Era"', () => {
    expect(verificationKeyName('0x6F36A08C517B060FA97308CDB3E23B04842FF839D451A753EC8FAE1A5408304A')).toBe(
      'Era FFLONK v28.1',
    )
    for (const k of KNOWN_VERIFICATION_KEYS) expect(k.name).not.toMatch(/not Era/i)
    // The other keys the issue lists: the pre-v27 FFLONK key of zksync-era's historical data.
    expect(verificationKeyName('0x560b19cfd6bcf1049c6409c18d81db288ab7639db080ed3b48df17ddfbcc4666')).toBe(
      'Era FFLONK pre-v27',
    )
  })

  it('one row per hash; every Era row cites an era-contracts commit or names its other source', () => {
    const hashes = KNOWN_VERIFICATION_KEYS.map((k) => k.hash)
    expect(new Set(hashes).size).toBe(hashes.length)
    for (const k of KNOWN_VERIFICATION_KEYS) {
      expect(k.hash).toMatch(/^0x[0-9a-f]{64}$/)
      expect(k.source.length).toBeGreaterThan(10)
    }
  })

  it('a key outside the book is "unlisted"', () => {
    expect(verificationKeyName('0x' + '11'.repeat(32))).toBe(UNLISTED_KEY_NAME)
    expect(UNLISTED_KEY_NAME).toBe('unlisted')
  })

  it('naming is not pinning: only the keys pinned before are marked, v28 and v20–v23 stay unpinned', () => {
    expect(
      KNOWN_VERIFICATION_KEYS.filter((k) => k.pinned).map((k) => [k.system, k.protocolVersions]),
    ).toEqual([
      ['plonk', '29–31'],
      ['fflonk', '29–31'],
      ['plonk', '27'],
      ['fflonk', '27'],
      ['plonk', '24–26'],
      ['plonk', '19'],
    ])
  })
})
