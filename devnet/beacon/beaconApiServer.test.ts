import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
  toSsz,
} from '../../src/verifier/beacon/parseBeacon'
import { verifyBeaconChain, type BeaconEvidence } from '../../src/verifier/beacon/verifyBeaconChain'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { Report } from '../../src/verifier/report'
import { prefersSsz, startBeaconApiServer, type BeaconApiServer } from './beaconApiServer'
import { BEACON_LIE_CHECK, BEACON_LIE_HELP, BEACON_LIES, type BeaconLie } from './beaconLies'
import { buildBeaconWorld } from './buildBeaconWorld'
import type { ExecutionPayloadInput } from './executionPayload'

// One world and one server for the file; lies are switched on the running server.
const payload: ExecutionPayloadInput = {
  parentHash: '0x' + '01'.repeat(32),
  feeRecipient: '0x' + '02'.repeat(20),
  stateRoot: '0x5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a7e5e7a',
  receiptsRoot: '0x' + '04'.repeat(32),
  logsBloom: '0x' + '00'.repeat(256),
  prevRandao: '0x' + '05'.repeat(32),
  blockNumber: '0x2a',
  gasLimit: 36_000_000,
  gasUsed: '21000',
  timestamp: 1_770_000_000n,
  extraData: '0x6c70',
  baseFeePerGas: 7n,
  blockHash: '0xb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10cb10c',
  transactionsRoot: '0x' + '06'.repeat(32),
  withdrawalsRoot: '0x' + '07'.repeat(32),
  blobGasUsed: 0n,
  excessBlobGas: 0n,
}
const world = buildBeaconWorld({
  seed: 'server-test',
  now: new Date('2026-02-01T00:00:00Z'),
  executionPayload: payload,
})
const network = world.network
const firstPeriod = world.plan.updates[0]!.period
let server: BeaconApiServer

beforeAll(async () => {
  server = await startBeaconApiServer(world)
})
afterAll(async () => {
  await server.close()
})

const JSON_ACCEPT = 'application/json'
const SSZ_ACCEPT = 'application/octet-stream;q=1, application/json;q=0.5'

async function get(
  path: string,
  accept = JSON_ACCEPT,
): Promise<{ status: number; type: string; body: Uint8Array }> {
  const res = await fetch(server.url + path, { headers: { accept } })
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: new Uint8Array(await res.arrayBuffer()),
  }
}

/** What an online client does: fetch every object, parse it at the boundary, verify the chain. */
async function fetchEvidence(accept = JSON_ACCEPT): Promise<BeaconEvidence> {
  const lc = '/eth/v1/beacon/light_client'
  const [bootstrap, updates, finality, optimistic] = await Promise.all([
    get(`${lc}/bootstrap/${world.checkpoint}`, accept),
    get(`${lc}/updates?start_period=${firstPeriod}&count=3`, accept),
    get(`${lc}/finality_update`, accept),
    get(`${lc}/optimistic_update`, accept),
  ])
  for (const r of [bootstrap, updates, finality, optimistic]) expect(r.status).toBe(200)
  return {
    network,
    checkpoint: hexToBytes(world.checkpoint),
    bootstrap: parseBootstrap(bootstrap.body, network),
    updates: parseUpdates(updates.body, network),
    finalityUpdate: parseFinalityUpdate(finality.body, network),
    optimisticUpdate: parseOptimisticUpdate(optimistic.body, network),
    currentSlot: world.plan.currentSlot,
  }
}

function failedIds(report: Report): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.id)
}

describe('beacon API server, honest', () => {
  it('serves JSON that parses and verifies to the given execution head', async () => {
    const evidence = await fetchEvidence()
    expect(evidence.updates).toHaveLength(3)
    const { report } = verifyBeaconChain(evidence)
    expect(report.verdict).toBe('verified')
    expect(report.facts.finalized).toMatchObject({
      executionBlockNumber: '42',
      executionBlockHash: payload.blockHash,
      executionStateRoot: payload.stateRoot,
    })
  })

  it('serves SSZ (updates in the by-range framing) that parses to the same objects as the JSON', async () => {
    const ssz = await fetchEvidence(SSZ_ACCEPT)
    const json = await fetchEvidence()
    expect(verifyBeaconChain(ssz).report.verdict).toBe('verified')
    const raw = await get(
      `/eth/v1/beacon/light_client/updates?start_period=${firstPeriod}&count=3`,
      SSZ_ACCEPT,
    )
    expect(raw.type).toBe('application/octet-stream')
    const firstLength = new DataView(raw.body.buffer).getBigUint64(0, true)
    expect(Number(firstLength)).toBe(4 + toSsz(json.updates[0]!, 'update', network).length)
    ssz.updates.forEach((u, i) =>
      expect(toSsz(u, 'update', network)).toEqual(toSsz(json.updates[i]!, 'update', network)),
    )
    expect(toSsz(ssz.bootstrap, 'bootstrap', network)).toEqual(toSsz(json.bootstrap, 'bootstrap', network))
    expect(toSsz(ssz.finalityUpdate!, 'finality', network)).toEqual(
      toSsz(json.finalityUpdate!, 'finality', network),
    )
  })

  it('answers JSON `{version, data}` envelopes and the range it was asked for (count clamped to 128)', async () => {
    const one = await get(`/eth/v1/beacon/light_client/updates?start_period=${firstPeriod + 1n}&count=1`)
    const items = JSON.parse(new TextDecoder().decode(one.body)) as { version: string; data: unknown }[]
    expect(items.map((i) => i.version)).toEqual(['electra'])
    const all = await get(`/eth/v1/beacon/light_client/updates?start_period=0&count=100000`)
    expect(JSON.parse(new TextDecoder().decode(all.body))).toEqual([])
    const finality = JSON.parse(
      new TextDecoder().decode((await get('/eth/v1/beacon/light_client/finality_update')).body),
    )
    expect(finality.version).toBe('electra')
    expect(finality.data.finalized_header.beacon.slot).toBe(world.plan.finalized.toString())
  })

  it('serves genesis and spec consistent with the network row', async () => {
    const genesis = JSON.parse(new TextDecoder().decode((await get('/eth/v1/beacon/genesis')).body))
    expect(genesis.data).toEqual({
      genesis_time: network.genesisTime.toString(),
      genesis_validators_root: bytesToHex(network.genesisValidatorsRoot),
      genesis_fork_version: '0x4c500000',
    })
    const spec = JSON.parse(new TextDecoder().decode((await get('/eth/v1/config/spec')).body))
    expect(spec.data).toMatchObject({
      CONFIG_NAME: 'lightproof-devnet',
      SECONDS_PER_SLOT: '12',
      SYNC_COMMITTEE_SIZE: '512',
      ELECTRA_FORK_VERSION: '0x4c500005',
      ELECTRA_FORK_EPOCH: '0',
      FULU_FORK_EPOCH: '18446744073709551615',
    })
  })

  it('answers 404 for an unknown root or route, 400 for bad parameters, 405 for other methods', async () => {
    expect((await get(`/eth/v1/beacon/light_client/bootstrap/0x${'ab'.repeat(32)}`)).status).toBe(404)
    expect((await get('/eth/v1/beacon/light_client/bootstrap/0x1234')).status).toBe(400)
    expect((await get('/eth/v1/beacon/light_client/updates?start_period=-1&count=1')).status).toBe(400)
    expect((await get('/eth/v1/beacon/light_client/updates?count=1')).status).toBe(400)
    expect((await get('/eth/v2/nothing')).status).toBe(404)
    expect((await fetch(server.url + '/eth/v1/beacon/genesis', { method: 'POST' })).status).toBe(405)
  })

  it('shows the dev server transport faults', async () => {
    server.setFault('http-429')
    try {
      expect((await get('/eth/v1/beacon/light_client/finality_update')).status).toBe(429)
    } finally {
      server.setFault(undefined)
    }
    expect((await get('/eth/v1/beacon/light_client/finality_update')).status).toBe(200)
  })
})

describe('beacon API server, lying', () => {
  it('documents every lie', () => {
    for (const lie of BEACON_LIES) expect(BEACON_LIE_HELP[lie].length).toBeGreaterThan(10)
  })

  // frozen-head is a valid chain to a clockless check: its own test below; the evidence's time catches it.
  const cases: [BeaconLie, string][] = BEACON_LIES.filter((lie) => lie !== 'frozen-head').map((lie) => [
    lie,
    BEACON_LIE_CHECK[lie].source,
  ])
  it.each(cases)('%s: the verdict is failed, naming a check like %s', async (lie) => {
    const check = BEACON_LIE_CHECK[lie]
    server.setLie(lie)
    try {
      const { report } = verifyBeaconChain(
        await fetchEvidence(lie === 'wrong-fork-version' ? SSZ_ACCEPT : JSON_ACCEPT),
      )
      expect(report.verdict).toBe('failed')
      expect(report.facts).toEqual({})
      const failed = failedIds(report)
      expect(
        failed.some((id) => check.test(id)),
        failed.join(', '),
      ).toBe(true)
      if (lie === 'equivocate') {
        // The second request of each route gets the honest chain: the endpoint contradicts itself.
        const second = verifyBeaconChain(await fetchEvidence()).report
        expect(second.verdict).toBe('verified')
      }
    } finally {
      server.setLie(undefined)
    }
  })

  it('frozen-head: a consistent old chain passes the clockless chain check, a period behind the wall clock', async () => {
    expect(BEACON_LIE_CHECK['frozen-head'].test('beacon.head.fresh')).toBe(true)
    server.setLie('frozen-head')
    try {
      const evidence = await fetchEvidence()
      expect(evidence.updates).toHaveLength(2)
      const { report } = verifyBeaconChain(evidence)
      expect(report.verdict).toBe('verified')
      const finalizedSlot = BigInt((report.facts.finalized as { slot: string }).slot)
      expect(finalizedSlot).toBe(world.plan.updates[1]!.finalized)
      expect(world.plan.currentSlot - finalizedSlot).toBeGreaterThan(4096n)
    } finally {
      server.setLie(undefined)
    }
  })

  it('the lies leave the honest world untouched once switched off', async () => {
    expect(verifyBeaconChain(await fetchEvidence()).report.verdict).toBe('verified')
  })
})

describe('lightproof verify beacon --network lightproof-devnet on served files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-devnet-beacon-'))
  async function saveAndVerify(accept: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const lc = '/eth/v1/beacon/light_client'
    const files: Record<string, string> = {
      bootstrap: `${lc}/bootstrap/${world.checkpoint}`,
      updates: `${lc}/updates?start_period=${firstPeriod}&count=3`,
      finality: `${lc}/finality_update`,
      optimistic: `${lc}/optimistic_update`,
    }
    const args = ['verify', 'beacon', '--network', 'lightproof-devnet', '--checkpoint', world.checkpoint]
    for (const [name, path] of Object.entries(files)) {
      const file = join(dir, `${name}.bin`)
      writeFileSync(file, (await get(path, accept)).body)
      args.push(`--${name}`, file)
    }
    let stdout = ''
    let stderr = ''
    const code = await runCli([...args, '--bls', 'noble', '--json'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: {},
    })
    return { code, stdout, stderr }
  }

  it('exits 0 with the world head for honest SSZ, 1 when the server forges the head signature', async () => {
    const honest = await saveAndVerify(SSZ_ACCEPT)
    expect(honest.stderr).toBe('')
    expect(honest.code).toBe(0)
    expect(JSON.parse(honest.stdout).facts.finalized).toMatchObject({
      executionBlockNumber: '42',
      executionStateRoot: payload.stateRoot,
    })
    server.setLie('forged-signature')
    try {
      const lying = await saveAndVerify(JSON_ACCEPT)
      expect(lying.code).toBe(1)
      expect(JSON.parse(lying.stdout).verdict).toBe('failed')
    } finally {
      server.setLie(undefined)
    }
  })
})

describe('prefersSsz', () => {
  it.each([
    ['application/octet-stream', true],
    ['application/octet-stream;q=1, application/json;q=0.5', true],
    ['application/json, application/octet-stream', false],
    ['application/json;q=0.4, application/octet-stream;q=0.9', true],
    ['application/octet-stream;q=0, */*', false],
    ['', false],
  ])('%s → %s', (accept, ssz) => {
    expect(prefersSsz(accept)).toBe(ssz)
  })
})
