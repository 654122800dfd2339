import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fixturePath, readFixtureJson } from '../../../tests/support/fixtures'
import { PLONK_VK_SLOT_NAMES } from '../../verifier/snark/parseVerificationKey'
import { fflonkProofReachingPairing } from '../../../tests/support/fflonkProof'
import { runCli } from '../main'

const tv = readFixtureJson<{
  vkWords: Record<string, string>
  verificationKeyHash: string
  publicInputs: string[]
  proof: string[]
}>('zksync/derived/plonk_verifier_test_vector.json')
const dir = mkdtempSync(join(tmpdir(), 'lightproof-snark-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, value: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}

/** The test key as the 41 flat contract words (slot order, recursive flag 0). */
const vkFile = write('test-vk.json', [...PLONK_VK_SLOT_NAMES.map((name) => tv.vkWords[name]), '0x0'])
const proofFile = write('proof.json', tv.proof)
const publicInput = tv.publicInputs[0]!

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

const snark = (...extra: string[]) => ['verify', 'snark', '--vk', vkFile, '--proof', proofFile, ...extra]

describe('lightproof verify snark', () => {
  it('exits 0 on the era-contracts PLONK test vector, with the facts in JSON', async () => {
    const { code, stdout } = await run(snark('--public-input', publicInput, '--json'))
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.verdict).toBe('verified')
    expect(report.subject.kind).toBe('snark')
    expect(report.facts).toMatchObject({
      proofSystem: 'plonk',
      verificationKeyHash: tv.verificationKeyHash,
      publicInput,
    })
    expect(typeof report.timings.verify).toBe('number')
  })

  it('exits 1 with one public-input bit flipped', async () => {
    const flipped = publicInput.slice(0, -1) + (publicInput.endsWith('9') ? '8' : '9')
    const { code, stdout } = await run(snark('--public-input', flipped, '--json'))
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.verdict).toBe('failed')
    expect(report.checks.find((c: { id: string }) => c.id === 'snark.proof.evaluation').status).toBe('fail')
  })

  it('accepts the prover JSON key and the DualVerifier layout, and exits 1 when the key is not the proof’s', async () => {
    const dual = write('dual.json', { proof: ['0x1', ...tv.proof] })
    const key = fixturePath('zksync/zksync-era/prover_keys/verification_snark_key.json')
    const { code, stdout } = await run([
      'verify',
      'snark',
      '--vk',
      key,
      '--proof',
      dual,
      '--public-input',
      publicInput,
      '--json',
    ])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.facts.verifierType).toBe('1')
    expect(report.facts.verificationKeyHash).toBe(
      '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84',
    )
    expect(report.checks.find((c: { id: string }) => c.id === 'snark.proof.pairing').status).toBe('fail')
  })

  it('exits 1 (incomplete) on an unknown verifier type and on a key-hash mismatch', async () => {
    const typed = write('type2.json', ['0x2', ...tv.proof])
    const r1 = await run([
      'verify',
      'snark',
      '--vk',
      vkFile,
      '--proof',
      typed,
      '--public-input',
      publicInput,
      '--json',
    ])
    expect(r1.code).toBe(1)
    expect(JSON.parse(r1.stdout).verdict).toBe('incomplete')
    expect(r1.stdout).toContain('unsupported verifier type 2')
    const r2 = await run(
      snark('--public-input', publicInput, '--expected-vk-hash', '0x' + '11'.repeat(32), '--json'),
    )
    expect(r2.code).toBe(1)
  })

  it('--save writes snark evidence that `verify F` re-verifies to the same report; a tampered copy fails', async () => {
    const saved = join(dir, 'snark-evidence.json')
    const first = await run(snark('--public-input', publicInput, '--save', saved, '--json'))
    expect(first.code).toBe(0)
    expect(first.stderr).toContain(`evidence saved to ${saved}`)
    const again = await run(['verify', saved, '--json'])
    expect(again.code).toBe(0)
    const a = JSON.parse(first.stdout)
    const b = JSON.parse(again.stdout)
    expect({ ...b, timings: {} }).toEqual({ ...a, timings: {} })
    expect(b.subject.trustRoot).toEqual({ kind: 'verification-key', value: tv.verificationKeyHash })

    const evidence = JSON.parse(readFileSync(saved, 'utf8'))
    const flipped = publicInput.slice(0, -1) + (publicInput.endsWith('9') ? '8' : '9')
    evidence.data.publicInput = '0x' + flipped.slice(2).padStart(64, '0')
    const tampered = write('tampered-evidence.json', evidence)
    const bad = await run(['verify', tampered, '--json'])
    expect(bad.code).toBe(1)
    const report = JSON.parse(bad.stdout)
    expect(report.checks.find((c: { id: string }) => c.id === 'snark.proof.evaluation').status).toBe('fail')
  })

  it('exits 2 on malformed input', async () => {
    expect((await run(snark('--public-input', '0xzz'))).code).toBe(2)
    expect((await run(snark())).code).toBe(2)
    const notJson = write('bad.json', '[1, 2')
    expect(
      (await run(['verify', 'snark', '--vk', notJson, '--proof', proofFile, '--public-input', '0x1'])).code,
    ).toBe(2)
    const badWord = write('badword.json', ['0x' + '1'.repeat(66)])
    const r = await run(['verify', 'snark', '--vk', vkFile, '--proof', badWord, '--public-input', '0x1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/proof word 0/)
    expect((await run(snark('--public-input', publicInput, '--layout', 'sideways'))).code).toBe(2)
  })

  it('reads the v33 envelope [4, FFLONK, Airbender PLONK] and says the Airbender lane needs its own key', async () => {
    const airbender = readFixtureJson<{ proof: string[] }>('zksync/derived/airbender_plonk_vector.json')
    const envelope = write('envelope.json', [
      '0x4',
      ...fflonkProofReachingPairing().map((w) => '0x' + w.toString(16)),
      ...airbender.proof,
    ])
    const key = 'src/verifier/snark/keys/era-fflonk-v29-v31.json'
    const { code, stdout } = await run([
      'verify',
      'snark',
      '--vk',
      key,
      '--proof',
      envelope,
      '--public-input',
      '0x1234',
      '--json',
    ])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    const byId = (id: string) => report.checks.find((c: { id: string }) => c.id === id)
    expect(byId('snark.proof.route').detail).toMatch(/type 4 envelope → Boojum FFLONK/)
    expect(byId('snark.airbender.key')).toMatchObject({ status: 'error', required: true })
    expect(report.verdict).not.toBe('verified')
  })
})
