import { z } from 'zod'
import { LightproofError } from '../../../shared/errors'
import { keccak_256 } from '../../crypto/backends'
import { bigintToBytes32, bytesToHex } from '../../encoding/hex'
import { rawJson, RawItemSchema, type Evidence, type RawItem } from '../../evidence/schema'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import { ReportBuilder, type FactValue, type Report } from '../../report'
import { evmAddressGetter, evmVerificationKeyHash } from '../../snark/evm/evmVerifier'
import { verificationKeyName } from '../../snark/knownVerificationKeys'
import { proveVerifierCode } from '../batchProof/checkVerifierCode'
import { anchorL1 } from '../evidence/anchorL1'
import { diamondAddressOf } from '../evidence/diamondAddress'
import { AnchorAnswerFields } from '../evidence/endpointChecks'
import { parseData } from '../evidence/zksyncEvidence'
import { proveAccount, proveField, type ProvenAccount } from './provenAccount'
import {
  PROTOCOL_VERSION_SLOT,
  semverOf,
  WATCH_LAYOUTS,
  watchLayoutFor,
  type WatchLayout,
} from './watchLayouts'
import {
  addressOf,
  ctmFieldRequests,
  ctmVersionRequests,
  decodeSelectorToFacet,
  diamondFieldRequests,
  facetElementRequests,
  facetInfoRequests,
  facetSelectorWordRequests,
  MAX_FACETS,
  MAX_SELECTORS_PER_FACET,
  selectorToFacetRequest,
  timelockFieldRequests,
  unpackSelectors,
  validatorRequest,
  type SlotRequest,
} from './watchSlots'

/**
 * `data` of a zksync-watch evidence: the beacon section, the endpoints' anchor answers, and one eth_getProof answer
 * per contract at the trusted head — the diamond (every watched slot, the facets array, each facet's selectors and
 * their selector → facet entries), each facet's account, the ChainTypeManager and the ValidatorTimelock — with the
 * verifier's accounts and code (eth_getProof + eth_getCode, as `zksync batch N --proof` collects them). Null or
 * absent: the collector could not ask (no trusted head, or the address was not known).
 */
export const ZksyncWatchDataSchema = z
  .object({
    beacon: z.unknown().optional(),
    ...AnchorAnswerFields,
    diamondProof: RawItemSchema.nullable(),
    facetProofs: z.array(RawItemSchema).max(MAX_FACETS),
    verifierCode: z
      .object({
        endpoint: z.string().max(512),
        accounts: z.array(z.object({ proof: RawItemSchema, code: RawItemSchema }).strict()).max(4),
      })
      .strict()
      .nullable(),
    ctmProof: RawItemSchema.nullable(),
    timelockProof: RawItemSchema.nullable(),
  })
  .strict()
export type ZksyncWatchData = z.infer<typeof ZksyncWatchDataSchema>

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'
const hex32 = (v: bigint) => bytesToHex(bigintToBytes32(v))
const isZero = (a: string) => a === ZERO_ADDRESS

/**
 * zksync-watch (issue 21) — "who can change the chain, and what would they change?": at the trusted L1 head, every
 * fact an auditor compares with L2BEAT, each proven from storage by eth_getProof (never eth_call): the diamond's
 * protocol version, verifier, admins, settlement layer, permanent-rollup flag, bootloader and default-account
 * hashes, DA validators, its facets (DiamondStorage: the facets array, each facet's selectors and their selector →
 * facet entries, isFrozen) and each facet's code hash; the verifier's code (proven codeHash) and the key it
 * carries (its own verificationKeyHash run locally, named from the key book); the ChainTypeManager the diamond
 * names (its protocol version, the deadline of the chain's version, the upgrade cut ready for it) and the
 * ValidatorTimelock that ChainTypeManager names (its execution delay; the diamond must list it as a validator).
 * Addresses come from the network (the diamond) or from proven storage (everything else), never from the file.
 * Slots come from the layout row of the proven protocol version (watchLayouts.ts); a version without one proves
 * only its protocol version and is incomplete.
 */
export async function verifyZksyncWatchEvidence(e: Evidence): Promise<Report> {
  const data = parseData(ZksyncWatchDataSchema, e)
  const r = new ReportBuilder({
    kind: e.kind,
    description:
      'ZKsync Era upgrade watch: verifier, key, admins, facets, delays, proven at the trusted L1 head',
  })
  const anchor = anchorL1(r, e)
  if (!anchor) return r.build()
  if (anchor.blockNumber !== null) r.fact('asOf', `L1 block ${anchor.blockNumber}`)
  const choice = diamondAddressOf(anchor.network)
  if (!choice.ok) {
    r.fail(
      'zksync.watch.diamond.account',
      'Diamond account proven from the trusted L1 state root',
      choice.reason,
    )
    return r.build()
  }
  const diamond = proveAccount(
    r,
    'zksync.watch.diamond.account',
    'Diamond account proven from the trusted L1 state root',
    data.diamondProof,
    anchor.stateRoot,
    choice.address,
    'the diamond',
  )
  if (!diamond) return r.build()
  r.fact('diamond', choice.address)

  const packed = proveField(
    r,
    diamond,
    'zksync.watch.protocolVersion',
    'Protocol version (diamond slot 33)',
    { name: 'protocolVersion', key: bigintToBytes32(PROTOCOL_VERSION_SLOT) },
    (v) => `${semverOf(v)} (packed ${v})`,
  )
  if (packed === undefined) return r.build()
  r.fact('protocolVersion', semverOf(packed))
  const layout = watchLayoutFor(packed)
  if (!layout) {
    r.skip(
      'zksync.watch.layout',
      'Storage layout of the chain’s protocol version',
      `protocol version ${semverOf(packed)} is not supported yet: Lightproof has checked storage layouts for ${WATCH_LAYOUTS.map((l) => `0.${l.minor}`).join(', ')} only, so no other field is read`,
    )
    return r.build()
  }
  r.pass(
    'zksync.watch.layout',
    'Storage layout of the chain’s protocol version',
    `0.${layout.minor}: solc storageLayout of ${layout.source.label} @ ${layout.source.commit.slice(0, 10)}`,
  )
  r.fact('layout', {
    protocolVersion: `0.${layout.minor}`,
    source: layout.source.label,
    commit: layout.source.commit,
  })

  const fields = watchDiamondFields(r, diamond, layout)
  const facets = watchFacets(r, data, diamond, layout, anchor.stateRoot)
  if (facets) r.fact('facets', facets)
  if (fields.verifier) await watchVerifier(r, data, fields.verifier, anchor.stateRoot)
  const chainTypeManager = fields.chainTypeManager
  if (chainTypeManager)
    watchChainTypeManager(r, data, diamond, layout, anchor.stateRoot, chainTypeManager, packed)
  return r.build()
}

interface DiamondFields {
  verifier?: string
  chainTypeManager?: string
}

/** The diamond's one-word fields: each its own check `zksync.watch.<field>` and fact. */
function watchDiamondFields(r: ReportBuilder, diamond: ProvenAccount, layout: WatchLayout): DiamondFields {
  const req = new Map(diamondFieldRequests(layout).map((q) => [q.name, q]))
  const get = (name: string) => req.get(name)!
  const slot = (name: string) => `diamond slot ${BigInt(bytesToHex(get(name).key))}`
  const address = (name: string, title: string): string | undefined => {
    const v = proveField(r, diamond, `zksync.watch.${name}`, `${title} (${slot(name)})`, get(name), addressOf)
    if (v === undefined) return undefined
    const a = addressOf(v)
    r.fact(name, a)
    return a
  }
  const hash = (name: string, title: string) => {
    const v = proveField(r, diamond, `zksync.watch.${name}`, `${title} (${slot(name)})`, get(name), hex32)
    if (v !== undefined) r.fact(name, hex32(v))
  }
  const flag = (name: string, title: string) => {
    const v = proveField(r, diamond, `zksync.watch.${name}`, title, get(name), (w) => String(w !== 0n))
    if (v !== undefined) r.fact(name, v !== 0n)
  }
  const verifier = address('verifier', 'Verifier contract')
  address('admin', 'Chain admin')
  address('pendingAdmin', 'Pending chain admin')
  const settlementLayer = address('settlementLayer', 'Settlement layer (0: L1)')
  if (settlementLayer !== undefined)
    r.fact('settlesOn', isZero(settlementLayer) ? 'L1' : `another layer (${settlementLayer})`)
  flag('isPermanentRollup', `Permanent rollup (${slot('isPermanentRollup')})`)
  hash('bootloaderHash', 'L2 bootloader bytecode hash')
  hash('defaultAAHash', 'L2 default account bytecode hash')
  const l1 = address('l1DAValidator', 'L1 DA validator')
  const l2 = address('l2DAValidator', 'L2 DA validator')
  if (l1 !== undefined && l2 !== undefined) r.fact('daValidators', { l1, l2 })
  flag('isFrozen', 'Diamond frozen (DiamondStorage.isFrozen)')
  const chainTypeManager = address('chainTypeManager', 'ChainTypeManager')
  return {
    ...(verifier !== undefined ? { verifier } : {}),
    ...(chainTypeManager !== undefined ? { chainTypeManager } : {}),
  }
}

/**
 * The diamond's facets from DiamondStorage: the facets array (`zksync.watch.facets`), then per facet its selectors
 * and their selector → facet entries, which must point back to it at the right positions
 * (`zksync.watch.facet[i].selectors`), and its account's code hash (`zksync.watch.facet[i].code`).
 */
function watchFacets(
  r: ReportBuilder,
  data: ZksyncWatchData,
  diamond: ProvenAccount,
  layout: WatchLayout,
  stateRoot: Uint8Array,
): FactValue[] | undefined {
  const title = 'Facets of the diamond (DiamondStorage.facets)'
  const lengthReq = diamondFieldRequests(layout).find((q) => q.name === 'facets.length')!
  const words = readAll(diamond, [lengthReq])
  if (!words.ok) {
    r.add('zksync.watch.facets', title, words.invalid ? 'fail' : 'skip', `facets.length: ${words.detail}`)
    return undefined
  }
  const length = words.values[0]!
  if (length > BigInt(MAX_FACETS)) {
    r.skip(
      'zksync.watch.facets',
      title,
      `the diamond has ${length} facets; the watch follows at most ${MAX_FACETS}`,
    )
    return undefined
  }
  const elements = readAll(diamond, facetElementRequests(layout, Number(length)))
  if (!elements.ok) {
    r.add('zksync.watch.facets', title, elements.invalid ? 'fail' : 'skip', elements.detail)
    return undefined
  }
  const addresses = elements.values.map(addressOf)
  r.pass('zksync.watch.facets', title, `${length} facets: ${addresses.join(', ')}`)

  const facetAccounts = data.facetProofs.map(parseAddressOf)
  const out: FactValue[] = []
  addresses.forEach((facet, i) => {
    const fact: Record<string, FactValue> = { address: facet }
    const selectors = watchFacetSelectors(r, diamond, layout, i, facet)
    if (selectors) {
      fact.selectors = selectors.selectors
      fact.freezable = selectors.freezable
    }
    const at = facetAccounts.findIndex((a) => a === facet)
    const acct = proveAccount(
      r,
      `zksync.watch.facet[${i}].code`,
      `Facet ${i}’s code hash proven from the trusted L1 state root`,
      at >= 0 ? data.facetProofs[at] : null,
      stateRoot,
      facet,
      `facet ${i}`,
    )
    if (acct) fact.codeHash = bytesToHex(acct.account.codeHash)
    out.push(fact)
  })
  return out
}

function watchFacetSelectors(
  r: ReportBuilder,
  diamond: ProvenAccount,
  layout: WatchLayout,
  i: number,
  facet: string,
): { selectors: string[]; freezable: boolean } | undefined {
  const id = `zksync.watch.facet[${i}].selectors`
  const title = `Facet ${i}’s selectors, each routed to it (facetToSelectors, selectorToFacet)`
  const info = readAll(diamond, facetInfoRequests(layout, i, facet))
  if (!info.ok) {
    r.add(id, title, info.invalid ? 'fail' : 'skip', info.detail)
    return undefined
  }
  const [count, position] = info.values as [bigint, bigint]
  if (position !== BigInt(i)) {
    r.fail(
      id,
      title,
      `facetToSelectors[${facet}].facetPosition is ${position}, but the facet is facets[${i}]`,
    )
    return undefined
  }
  if (count > BigInt(MAX_SELECTORS_PER_FACET)) {
    r.skip(id, title, `${count} selectors; the watch follows at most ${MAX_SELECTORS_PER_FACET} per facet`)
    return undefined
  }
  const packed = readAll(diamond, facetSelectorWordRequests(layout, i, facet, Number(count)))
  if (!packed.ok) {
    r.add(id, title, packed.invalid ? 'fail' : 'skip', packed.detail)
    return undefined
  }
  const selectors = unpackSelectors(packed.values, Number(count))
  const routes = readAll(
    diamond,
    selectors.map((s) => selectorToFacetRequest(layout, s)),
  )
  if (!routes.ok) {
    r.add(id, title, routes.invalid ? 'fail' : 'skip', routes.detail)
    return undefined
  }
  let freezable = true
  for (const [j, value] of routes.values.entries()) {
    const s = decodeSelectorToFacet(layout, value)
    if (s.facetAddress !== facet || s.selectorPosition !== j) {
      r.fail(
        id,
        title,
        `selector ${selectors[j]} is listed for facet ${facet} at position ${j}, but selectorToFacet routes it to ${s.facetAddress} at position ${s.selectorPosition}`,
      )
      return undefined
    }
    freezable &&= s.isFreezable
  }
  r.pass(id, title, `${count} selectors, each routed to ${facet}: ${selectors.join(' ')}`)
  return { selectors, freezable }
}

/** The verifier's code, proven (`zksync.verifier.codeHash`), and the key it carries (`zksync.watch.verifierKey`). */
async function watchVerifier(
  r: ReportBuilder,
  data: ZksyncWatchData,
  verifier: string,
  stateRoot: Uint8Array,
): Promise<void> {
  const keyTitle = 'Verification key the proven verifier code carries (its verificationKeyHash, run locally)'
  if (!data.verifierCode) {
    r.skip(
      'zksync.verifier.codeHash',
      'Verifier code is the code L1 holds (keccak(eth_getCode) = proven codeHash)',
      'the evidence holds no account or code of the verifier (the L1 node did not answer eth_getCode)',
    )
    r.skip('zksync.watch.verifierKey', keyTitle, 'the verifier’s code was not proven')
    return
  }
  const proven = proveVerifierCode(r, {
    stateRoot,
    verifier,
    accounts: data.verifierCode.accounts.map((a) => ({ proof: rawJson(a.proof), code: rawJson(a.code) })),
  })
  if (!proven) {
    r.skip('zksync.watch.verifierKey', keyTitle, 'the verifier’s code was not proven')
    return
  }
  const own = proven.codes.find((c) => c.address === proven.verifier)!
  r.fact('verifierCodeHash', bytesToHex(keccak_256(own.code)))
  try {
    const inner = await dualTargets(proven.codes, proven.verifier)
    if (inner) {
      const missing = [inner.fflonk, inner.plonk].filter((a) => !proven.codes.some((c) => c.address === a))
      if (missing.length > 0) {
        r.skip(
          'zksync.watch.verifierKey',
          keyTitle,
          `the DualVerifier ${proven.verifier} routes to ${missing.join(' and ')}, whose code was not proven`,
        )
        return
      }
      const fflonk = await evmVerificationKeyHash(proven.codes, proven.verifier, 0n)
      const plonk = await evmVerificationKeyHash(proven.codes, proven.verifier, 1n)
      r.pass(
        'zksync.watch.verifierKey',
        keyTitle,
        `DualVerifier over FFLONK ${inner.fflonk} (key ${fflonk}, ${verificationKeyName(fflonk)}) and PLONK ${inner.plonk} (key ${plonk}, ${verificationKeyName(plonk)})`,
      )
      r.fact('verifierKey', {
        kind: 'dual',
        fflonk: { verifier: inner.fflonk, hash: fflonk, name: verificationKeyName(fflonk) },
        plonk: { verifier: inner.plonk, hash: plonk, name: verificationKeyName(plonk) },
        source: 'proven verifier code run in a local EVM',
      })
      return
    }
    const hash = await evmVerificationKeyHash(proven.codes, proven.verifier)
    r.pass('zksync.watch.verifierKey', keyTitle, `key ${hash} (${verificationKeyName(hash)})`)
    r.fact('verifierKey', {
      kind: 'single',
      hash,
      name: verificationKeyName(hash),
      source: 'proven verifier code run in a local EVM',
    })
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
    r.fail(
      'zksync.watch.verifierKey',
      keyTitle,
      `the proven verifier code does not report a key: ${err.message}`,
    )
  }
}

async function dualTargets(
  codes: Parameters<typeof evmAddressGetter>[0],
  verifier: string,
): Promise<{ fflonk: string; plonk: string } | undefined> {
  try {
    const fflonk = await evmAddressGetter(codes, verifier, 'FFLONK_VERIFIER()')
    const plonk = await evmAddressGetter(codes, verifier, 'PLONK_VERIFIER()')
    return { fflonk, plonk }
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return undefined
    throw err
  }
}

/**
 * The ChainTypeManager the diamond names: its protocol version, the deadline of the chain's version and the
 * upgrade cut ready for it (a pending upgrade), its owner and admin, and the ValidatorTimelock it names — whose
 * execution delay is proven next, once the diamond shows it as one of the chain's validators.
 */
function watchChainTypeManager(
  r: ReportBuilder,
  data: ZksyncWatchData,
  diamond: ProvenAccount,
  layout: WatchLayout,
  stateRoot: Uint8Array,
  address: string,
  chainVersion: bigint,
): void {
  const ctm = proveAccount(
    r,
    'zksync.watch.ctm.account',
    'ChainTypeManager account proven from the trusted L1 state root',
    data.ctmProof,
    stateRoot,
    address,
    'the ChainTypeManager',
  )
  if (!ctm) return
  const c = layout.chainTypeManager
  const reqs = new Map(
    [...ctmFieldRequests(layout), ...ctmVersionRequests(layout, chainVersion)].map((q) => [q.name, q]),
  )
  const field = (name: string, title: string, describe: (v: bigint) => string) =>
    proveField(r, ctm, `zksync.watch.ctm.${name}`, title, reqs.get(name)!, describe)
  const latest = field('protocolVersion', `Latest protocol version (CTM slot ${c.protocolVersion})`, semverOf)
  const owner = field('owner', `Owner (CTM slot ${c.owner})`, addressOf)
  const admin = field('admin', `Admin (CTM slot ${c.admin})`, addressOf)
  const deadline = field(
    'protocolVersionDeadline',
    `Deadline of the chain’s version ${semverOf(chainVersion)} (protocolVersionDeadline, CTM slot ${c.protocolVersionDeadline})`,
    (v) => (v === (1n << 256n) - 1n ? 'no deadline (type(uint256).max)' : `${v} (unix seconds)`),
  )
  const cut = field(
    'upgradeCutHash',
    `Upgrade cut ready for the chain’s version ${semverOf(chainVersion)} (upgradeCutHash, CTM slot ${c.upgradeCutHash})`,
    (v) => (v === 0n ? 'none' : hex32(v)),
  )
  const timelock = field(
    'validatorTimelock',
    `ValidatorTimelock (CTM slot ${c.validatorTimelock})`,
    addressOf,
  )
  const fact: Record<string, FactValue> = { address }
  if (latest !== undefined) fact.protocolVersion = semverOf(latest)
  if (owner !== undefined) fact.owner = addressOf(owner)
  if (admin !== undefined) fact.admin = addressOf(admin)
  if (deadline !== undefined) fact.protocolVersionDeadline = deadline.toString()
  if (cut !== undefined) fact.upgradeCutHash = hex32(cut)
  r.fact('chainTypeManager', fact)
  if (cut !== undefined && latest !== undefined)
    r.fact(
      'pendingUpgrade',
      cut === 0n
        ? null
        : {
            fromVersion: semverOf(chainVersion),
            latestVersion: semverOf(latest),
            cutHash: hex32(cut),
            ...(deadline !== undefined ? { deadline: deadline.toString() } : {}),
          },
    )
  if (timelock !== undefined) watchTimelock(r, data, diamond, layout, stateRoot, addressOf(timelock))
}

/** The ValidatorTimelock: a validator of the chain on the diamond, its execution delay and its owner. */
function watchTimelock(
  r: ReportBuilder,
  data: ZksyncWatchData,
  diamond: ProvenAccount,
  layout: WatchLayout,
  stateRoot: Uint8Array,
  address: string,
): void {
  const listed = proveField(
    r,
    diamond,
    'zksync.watch.timelock.validator',
    'The diamond lists the ValidatorTimelock as a validator (validators[timelock])',
    validatorRequest(layout, address),
    (v) => (v !== 0n ? `${address} may commit, prove and execute` : `${address} is not a validator`),
  )
  const vtl = proveAccount(
    r,
    'zksync.watch.timelock.account',
    'ValidatorTimelock account proven from the trusted L1 state root',
    data.timelockProof,
    stateRoot,
    address,
    'the ValidatorTimelock',
  )
  if (!vtl) return
  const reqs = new Map(timelockFieldRequests(layout).map((q) => [q.name, q]))
  const t = layout.validatorTimelock
  const delay = proveField(
    r,
    vtl,
    'zksync.watch.executionDelay',
    `Execution delay (ValidatorTimelock slot ${t.executionDelay}, uint32)`,
    reqs.get('executionDelay')!,
    (v) => `${v & 0xffffffffn} seconds`,
  )
  const owner = proveField(
    r,
    vtl,
    'zksync.watch.timelock.owner',
    `Owner (ValidatorTimelock slot ${t.owner})`,
    reqs.get('owner')!,
    addressOf,
  )
  r.fact('validatorTimelock', {
    address,
    ...(listed !== undefined ? { isValidator: listed !== 0n } : {}),
    ...(owner !== undefined ? { owner: addressOf(owner) } : {}),
  })
  if (delay === undefined) return
  r.fact('executionDelay', (delay & 0xffffffffn).toString())
  if (listed === 0n)
    r.skip(
      'zksync.watch.executionDelay.applies',
      'The execution delay governs the chain’s batches',
      `the ChainTypeManager’s ValidatorTimelock ${address} is not a validator of the diamond, so its delay does not bind the chain’s batches`,
    )
}

/** Every request proven, or the first that is not (`invalid`: the proof contradicts; else missing). */
function readAll(
  acct: ProvenAccount,
  reqs: readonly SlotRequest[],
): { ok: true; values: bigint[] } | { ok: false; invalid: boolean; detail: string } {
  const values: bigint[] = []
  for (const q of reqs) {
    const w = acct.read(q)
    if (w.status !== 'proven')
      return { ok: false, invalid: w.status === 'invalid', detail: `${q.name}: ${w.detail}` }
    values.push(w.value)
  }
  return { ok: true, values }
}

/** The address an eth_getProof answer is for (a locator to pair answers with facets), or null. */
function parseAddressOf(item: RawItem): string | null {
  try {
    return bytesToHex(parseEthGetProof(rawJson(item)).address)
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return null
    throw err
  }
}
