import { readFixtureText } from '../support/fixtures'
import { startDevServer, type DevServer } from '../../devnet/servers/devServer'

/**
 * A beacon API on 127.0.0.1 serving REAL mainnet light-client data: fixture set A (helios, Capella; see
 * ../shared/fixtures/l1/PROVENANCE.md) — bootstrap at 0x5afc…9275 (slot 7069376, period 862), updates for
 * periods 862–867, the finality update (finalized EL block 17923026) and the optimistic update. Lying variants
 * change one thing in otherwise real data.
 */
export const SET_A_DIR = 'l1/helios/ethereum/testdata/'
export const SET_A_CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'
export const SET_A_FINALIZED = {
  slot: '7109344',
  executionBlockNumber: '17923026',
  executionStateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3',
  executionBlockHash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f',
}
export const SET_A_OPTIMISTIC = { slot: '7109431', executionBlockNumber: '17923113' }
/**
 * A wall clock a few minutes after the optimistic update's signature slot 7109432 (2023-08-15T22:06:47Z): the
 * verifier rejects a head that lags the evidence's time by hours (a stopped chain), so services replaying this
 * recorded data run at the time it was recorded. The checkpoint is then 5.6 days old, within the horizon.
 */
export const SET_A_NOW = '2023-08-15T22:10:00.000Z'

export type BeaconLie =
  /** One bit of the period-864 update's sync-committee signature flipped. */
  | 'flip-signature'
  /** One node of the finality update's finality branch changed. */
  | 'wrong-branch'

interface VersionedUpdate {
  version: string
  data: {
    attested_header: { beacon: { slot: string } }
    sync_aggregate: { sync_committee_signature: string }
    finality_branch?: string[]
  }
}

function flipHexChar(hex: string, at: number): string {
  const c = hex[at]!
  return hex.slice(0, at) + (c === '0' ? '1' : '0') + hex.slice(at + 1)
}

export interface BeaconWorld {
  server: DevServer
  url: string
  /** Every request path, in order. */
  log: string[]
  close(): Promise<void>
}

export async function startSetABeacon(
  options: { lie?: BeaconLie; bootstrapRoots?: string[] } = {},
): Promise<BeaconWorld> {
  const bootstrap = readFixtureText(SET_A_DIR + 'bootstrap.json')
  const updates = JSON.parse(readFixtureText(SET_A_DIR + 'updates.json')) as VersionedUpdate[]
  const finality = JSON.parse(readFixtureText(SET_A_DIR + 'finality.json')) as VersionedUpdate
  const optimistic = readFixtureText(SET_A_DIR + 'optimistic.json')
  const periodOf = (u: VersionedUpdate) => Math.floor(Number(u.data.attested_header.beacon.slot) / 8192)
  if (options.lie === 'flip-signature') {
    const u = updates.find((x) => periodOf(x) === 864)!
    const sig = u.data.sync_aggregate.sync_committee_signature
    u.data.sync_aggregate.sync_committee_signature = flipHexChar(sig, 100)
  }
  if (options.lie === 'wrong-branch') {
    const branch = finality.data.finality_branch!
    branch[2] = flipHexChar(branch[2]!, 10)
  }
  const roots = new Set(options.bootstrapRoots ?? [SET_A_CHECKPOINT])
  const log: string[] = []
  const json = (body: unknown) => ({ body: typeof body === 'string' ? body : JSON.stringify(body) })
  const notFound = (message: string) => ({ status: 404, body: JSON.stringify({ code: 404, message }) })
  const server = await startDevServer(({ path }) => {
    log.push(path)
    const url = new URL(path, 'http://x')
    const p = url.pathname
    const boot = p.match(/^\/eth\/v1\/beacon\/light_client\/bootstrap\/(0x[0-9a-fA-F]{64})$/)
    if (boot)
      return roots.has(boot[1]!.toLowerCase()) ? json(bootstrap) : notFound('LC bootstrap unavailable')
    if (p === '/eth/v1/beacon/light_client/updates') {
      const start = Number(url.searchParams.get('start_period'))
      const count = Number(url.searchParams.get('count'))
      return json(updates.filter((u) => periodOf(u) >= start && periodOf(u) < start + count))
    }
    if (p === '/eth/v1/beacon/light_client/finality_update') return json(finality)
    if (p === '/eth/v1/beacon/light_client/optimistic_update') return json(optimistic)
    return notFound(`no route ${p}`)
  })
  return { server, url: server.url, log, close: () => server.close() }
}
