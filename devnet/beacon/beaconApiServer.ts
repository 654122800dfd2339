import { ssz } from '@lodestar/types'
import { bytesToHex, concatBytes } from '../../src/verifier/encoding/hex'
import type { BlobService } from './blobService'
import {
  startDevServer,
  type DevHandler,
  type DevResponse,
  type DevServer,
  type TransportFault,
} from '../servers/devServer'
import { honestSource, lyingSource, type BeaconLie, type BeaconSource } from './beaconLies'
import { devnetForkVersion, MAX_REQUEST_LIGHT_CLIENT_UPDATES, type BeaconWorld } from './buildBeaconWorld'
import { LIGHTPROOF_DEVNET } from './devnetNetwork'
import { SYNC_COMMITTEE_SIZE } from './syncCommittees'

/**
 * The beacon-node REST API of the test world (ethereum/beacon-APIs), the light-client routes plus the few
 * config routes a client reads:
 *   GET /eth/v1/beacon/genesis, /eth/v1/config/spec, /eth/v1/node/version
 *   GET /eth/v1/beacon/light_client/bootstrap/{block_root}
 *   GET /eth/v1/beacon/light_client/updates?start_period=P&count=N   (N clamped to 128)
 *   GET /eth/v1/beacon/light_client/finality_update
 *   GET /eth/v1/beacon/light_client/optimistic_update
 *   GET /eth/v1/beacon/blobs/{slot}?versioned_hashes=…   (beacon-APIs v4; JSON or SSZ; block ids: slots only)
 * JSON is `{version, data}` (updates: an array of those); with `Accept: application/octet-stream` preferred,
 * the body is SSZ — plain containers, and for updates-by-range the `u64-LE (4 + len) | fork digest | SSZ`
 * framing per item (beacon-APIs getLightClientUpdatesByRange).
 */
export interface BeaconApiServerOptions {
  lie?: BeaconLie
  fault?: TransportFault
  port?: number
  /** The blobs it holds (GET /eth/v1/beacon/blobs/{slot}); without, that route has none. */
  blobs?: BlobService
}

export interface BeaconApiServer extends DevServer {
  /** Switches the data lie (or honesty, with undefined) while the server runs. */
  setLie(lie: BeaconLie | undefined): void
}

const E = ssz.electra
const VERSION = 'electra'
const OCTET_STREAM = 'application/octet-stream'
const FAR_FUTURE_EPOCH = '18446744073709551615'

/** compute_fork_digest before Fulu: hash_tree_root(ForkData(version, genesis_validators_root))[0:4]. */
function electraForkDigest(world: BeaconWorld): Uint8Array {
  return ssz.phase0.ForkData.hashTreeRoot({
    currentVersion: devnetForkVersion('electra'),
    genesisValidatorsRoot: world.network.genesisValidatorsRoot,
  }).subarray(0, 4)
}

/** True when the Accept header prefers SSZ (higher q, or equal q and listed first). */
export function prefersSsz(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : (accept ?? '')
  let best: { ssz: boolean; q: number } | undefined
  for (const part of header.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!(q > 0)) continue
    const isSsz = type === OCTET_STREAM
    if (!isSsz && type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue
    if (!best || q > best.q) best = { ssz: isSsz, q }
  }
  return best?.ssz ?? false
}

function json(value: unknown, status = 200): DevResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(value) }
}

function error(status: number, message: string): DevResponse {
  return json({ code: status, message }, status)
}

function octets(body: Uint8Array): DevResponse {
  return { contentType: OCTET_STREAM, body }
}

function u64le(n: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true)
  return out
}

function specJson(): Record<string, string> {
  const spec: Record<string, string> = {
    CONFIG_NAME: LIGHTPROOF_DEVNET.name,
    PRESET_BASE: 'mainnet',
    MIN_GENESIS_TIME: LIGHTPROOF_DEVNET.genesisTime,
    GENESIS_DELAY: '0',
    SECONDS_PER_SLOT: String(LIGHTPROOF_DEVNET.slotDurationMs / 1000),
    SLOT_DURATION_MS: String(LIGHTPROOF_DEVNET.slotDurationMs),
    SLOTS_PER_EPOCH: '32',
    EPOCHS_PER_SYNC_COMMITTEE_PERIOD: '256',
    SYNC_COMMITTEE_SIZE: String(SYNC_COMMITTEE_SIZE),
    MIN_SYNC_COMMITTEE_PARTICIPANTS: '1',
    MAX_REQUEST_LIGHT_CLIENT_UPDATES: String(MAX_REQUEST_LIGHT_CLIENT_UPDATES),
    DOMAIN_SYNC_COMMITTEE: '0x07000000',
  }
  for (const f of LIGHTPROOF_DEVNET.forks) {
    const key = f.name === 'phase0' ? 'GENESIS' : f.name.toUpperCase()
    spec[`${key}_FORK_VERSION`] = f.version
    if (f.name !== 'phase0') spec[`${key}_FORK_EPOCH`] = f.epoch === null ? FAR_FUTURE_EPOCH : String(f.epoch)
  }
  return spec
}

/** `GET /eth/v1/beacon/headers/{block_id}` (beacon-APIs getBlockHeader) for a header of this world. */
export function headerResponse(header: ReturnType<typeof ssz.phase0.BeaconBlockHeader.defaultValue>) {
  return {
    execution_optimistic: false,
    finalized: true,
    data: {
      root: bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(header)),
      canonical: true,
      // The world keeps no block signatures: a checkpoint provider's answer carries none that is checked.
      header: { message: ssz.phase0.BeaconBlockHeader.toJson(header), signature: `0x${'00'.repeat(96)}` },
    },
  }
}

const UINT = /^(0|[1-9][0-9]{0,19})$/
const ROOT = /^0x[0-9a-fA-F]{64}$/

/** The request handler over a source; exported so tests and the world CLI can mount it elsewhere. */
export function beaconApiHandler(
  world: BeaconWorld,
  source: () => BeaconSource,
  blobs?: BlobService,
): DevHandler {
  const digest = electraForkDigest(world)
  return ({ method, path, headers }) => {
    if (method !== 'GET') return error(405, 'GET only')
    const url = new URL(path, 'http://127.0.0.1')
    const route = url.pathname.replace(/\/+$/, '')
    const wantSsz = prefersSsz(headers.accept)

    if (route === '/eth/v1/beacon/genesis') {
      return json({
        data: {
          genesis_time: LIGHTPROOF_DEVNET.genesisTime,
          genesis_validators_root: LIGHTPROOF_DEVNET.genesisValidatorsRoot,
          genesis_fork_version: LIGHTPROOF_DEVNET.forks[0].version,
        },
      })
    }
    if (route === '/eth/v1/config/spec') return json({ data: specJson() })
    if (route === '/eth/v1/node/version') return json({ data: { version: 'Lightproof-devnet/beacon' } })

    if (route.startsWith('/eth/v1/beacon/blobs/')) {
      const id = route.slice('/eth/v1/beacon/blobs/'.length)
      if (!UINT.test(id)) return error(400, `block id ${id}: this node answers blobs by slot only`)
      const hashes = url.searchParams
        .getAll('versioned_hashes')
        .flatMap((h) => h.split(','))
        .filter((h) => h !== '')
        .map((h) => h.toLowerCase())
      const found = blobs?.blobsAt(BigInt(id), hashes) ?? []
      return wantSsz
        ? octets(concatBytes(...found.map((f) => f.blob)))
        : json({ execution_optimistic: false, finalized: true, data: found.map((f) => bytesToHex(f.blob)) })
    }
    const headersRoute = '/eth/v1/beacon/headers/'
    if (route.startsWith(headersRoute)) {
      // What a checkpoint-sync provider is asked: the finalized header, or the header of a root (a finalized
      // block this world keeps a bootstrap for). Nothing else is served by root.
      const id = route.slice(headersRoute.length)
      const src = source()
      const header =
        id === 'finalized'
          ? src.finalityUpdate().finalizedHeader.beacon
          : ROOT.test(id)
            ? src.bootstrap(id)?.header.beacon
            : undefined
      if (!header) return error(id === 'finalized' || ROOT.test(id) ? 404 : 400, `header ${id} not found`)
      return json(headerResponse(header))
    }
    const lc = '/eth/v1/beacon/light_client/'
    if (!route.startsWith(lc)) return error(404, `route not found: ${url.pathname}`)
    const rest = route.slice(lc.length)

    if (rest.startsWith('bootstrap/')) {
      const root = rest.slice('bootstrap/'.length)
      if (!ROOT.test(root)) return error(400, `invalid block root: ${root}`)
      const bootstrap = source().bootstrap(root)
      if (!bootstrap) return error(404, `LC bootstrap unavailable for ${root.toLowerCase()}`)
      return wantSsz
        ? octets(E.LightClientBootstrap.serialize(bootstrap))
        : json({ version: VERSION, data: E.LightClientBootstrap.toJson(bootstrap) })
    }
    if (rest === 'updates') {
      const start = url.searchParams.get('start_period') ?? ''
      const count = url.searchParams.get('count') ?? ''
      if (!UINT.test(start) || !UINT.test(count)) {
        return error(400, 'start_period and count must be unsigned integers')
      }
      const updates = source().updates(BigInt(start), BigInt(count))
      if (wantSsz) {
        const parts = updates.map((u) => {
          const body = E.LightClientUpdate.serialize(u)
          return concatBytes(u64le(4 + body.length), digest, body)
        })
        return octets(concatBytes(...parts))
      }
      return json(updates.map((u) => ({ version: VERSION, data: E.LightClientUpdate.toJson(u) })))
    }
    if (rest === 'finality_update') {
      const update = source().finalityUpdate()
      return wantSsz
        ? octets(E.LightClientFinalityUpdate.serialize(update))
        : json({ version: VERSION, data: E.LightClientFinalityUpdate.toJson(update) })
    }
    if (rest === 'optimistic_update') {
      const update = source().optimisticUpdate()
      return wantSsz
        ? octets(E.LightClientOptimisticUpdate.serialize(update))
        : json({ version: VERSION, data: E.LightClientOptimisticUpdate.toJson(update) })
    }
    return error(404, `route not found: ${url.pathname}`)
  }
}

/**
 * Serves a beacon world on 127.0.0.1 (an ephemeral port unless `port` is given), honest or with one data lie;
 * transport faults come from the dev server and can be switched with `setFault`.
 *
 * @example
 *   const server = await startBeaconApiServer(world, { lie: 'forged-signature' })
 *   // GET `${server.url}/eth/v1/beacon/light_client/bootstrap/${world.checkpoint}`
 */
export async function startBeaconApiServer(
  world: BeaconWorld,
  options: BeaconApiServerOptions = {},
): Promise<BeaconApiServer> {
  const honest = honestSource(world)
  let source = options.lie ? lyingSource(world, options.lie) : honest
  const server = await startDevServer(
    beaconApiHandler(world, () => source, options.blobs),
    { port: options.port, fault: options.fault },
  )
  return {
    ...server,
    setLie: (lie) => {
      source = lie ? lyingSource(world, lie) : honest
    },
  }
}
