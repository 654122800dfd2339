import { bytesToHex, equalBytes } from '../../../verifier/encoding/hex'
import { createEvidence } from '../../../verifier/evidence/createEvidence'
import { rawJson, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { parseEthGetProof } from '../../../verifier/mpt/parseEthGetProof'
import { ERA_DIAMOND_ADDRESS } from '../../../verifier/zksync/evidence/proveDiamondStorage'
import { zksyncWatchKind } from '../../../verifier/kinds/zksyncWatchKind'
import type { ZksyncWatchData } from '../../../verifier/zksync/watch/watchEvidence'
import { PROTOCOL_VERSION_SLOT, watchLayoutFor } from '../../../verifier/zksync/watch/watchLayouts'
import {
  addressOf,
  ctmFieldRequests,
  ctmVersionRequests,
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
} from '../../../verifier/zksync/watch/watchSlots'
import { bigintToBytes32 } from '../../../verifier/encoding/hex'
import { collectVerifierCode } from '../batchProof/collectBatchProof'
import type { Operation } from '../operations'
import type { L1AnchorSource } from './l1Anchor'
import type { ZksyncEndpoints } from './zksyncEndpoints'

const quantity = (n: bigint) => `0x${n.toString(16)}`

/**
 * Fetches what `zksync watch` needs at the trusted head, deciding nothing. The keys to ask depend on storage (how
 * many facets, which selectors, which ChainTypeManager and ValidatorTimelock): the L1 node's claimed words choose
 * them, round by round, as locators only; then each contract is asked once more for every key, and only those
 * final answers go into the evidence, where the verifier proves each word and derives the same keys again from
 * proven words. The verifier's accounts and code are collected as `zksync batch N --proof` collects them.
 */
export async function collectWatchEvidence(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  diamond = ERA_DIAMOND_ADDRESS,
): Promise<Evidence> {
  const data: Omit<ZksyncWatchData, 'beacon'> = {
    diamondProof: null,
    facetProofs: [],
    verifierCode: null,
    ctmProof: null,
    timelockProof: null,
  }
  if (anchor.head) {
    const head = anchor.head.blockNumber
    const block = quantity(head)
    const ask = async (role: string, address: string, reqs: readonly SlotRequest[]) => {
      const { raw } = await eps.ask(
        eps.l1,
        role,
        'eth_getProof',
        [address, reqs.map((q) => bytesToHex(q.key)), block],
        op.signal,
      )
      return { raw, claims: claimsOf(raw) }
    }
    op.progress(0, null, `reading the diamond's protocol version at L1 block ${head}`)
    const versionReq = { name: 'protocolVersion', key: bigintToBytes32(PROTOCOL_VERSION_SLOT) }
    const first = await ask('watch-locator', diamond, [versionReq])
    const version = first.claims(versionReq) ?? 0n
    const layout = watchLayoutFor(version)
    const diamondReqs: SlotRequest[] = [versionReq]
    if (layout) {
      op.progress(0, null, 'locating the facets, the ChainTypeManager and the ValidatorTimelock')
      const fields = diamondFieldRequests(layout)
      const base = await ask('watch-locator', diamond, fields)
      diamondReqs.push(...fields)
      const claim = (name: string) => base.claims(fields.find((q) => q.name === name)!) ?? 0n
      const count = Math.min(Number(claim('facets.length') & 0xffffn), MAX_FACETS)
      const elementReqs = facetElementRequests(layout, count)
      const elements = count > 0 ? await ask('watch-locator', diamond, elementReqs) : undefined
      const facets = elementReqs.map((q) => addressOf(elements?.claims(q) ?? 0n))
      diamondReqs.push(...elementReqs)
      const infoReqs = facets.flatMap((f, i) => facetInfoRequests(layout, i, f))
      const infos = infoReqs.length > 0 ? await ask('watch-locator', diamond, infoReqs) : undefined
      diamondReqs.push(...infoReqs)
      const counts = facets.map((_, i) =>
        Math.min(Number((infos?.claims(infoReqs[2 * i]!) ?? 0n) & 0xffffn), MAX_SELECTORS_PER_FACET),
      )
      const wordReqs = facets.map((f, i) => facetSelectorWordRequests(layout, i, f, counts[i]!))
      const words =
        wordReqs.flat().length > 0 ? await ask('watch-locator', diamond, wordReqs.flat()) : undefined
      diamondReqs.push(...wordReqs.flat())
      const selectors = wordReqs.flatMap((reqs, i) =>
        unpackSelectors(
          reqs.map((q) => words?.claims(q) ?? 0n),
          counts[i]!,
        ),
      )
      diamondReqs.push(...selectors.map((s) => selectorToFacetRequest(layout, s)))

      const ctm = addressOf(claim('chainTypeManager'))
      if (!/^0x0{40}$/.test(ctm)) {
        op.progress(0, null, `proving the ChainTypeManager ${ctm}`)
        const ctmReqs = [...ctmFieldRequests(layout), ...ctmVersionRequests(layout, version)]
        const ctmAnswer = await ask('watch-ctm', ctm, ctmReqs)
        data.ctmProof = ctmAnswer.raw
        const timelock = addressOf(
          ctmAnswer.claims(ctmReqs.find((q) => q.name === 'validatorTimelock')!) ?? 0n,
        )
        if (!/^0x0{40}$/.test(timelock)) {
          op.progress(0, null, `proving the ValidatorTimelock ${timelock}`)
          data.timelockProof = (await ask('watch-timelock', timelock, timelockFieldRequests(layout))).raw
          diamondReqs.push(validatorRequest(layout, timelock))
        }
      }
      op.progress(0, null, `proving ${facets.length} facets' code`)
      for (const f of new Set(facets)) data.facetProofs.push((await ask('watch-facet', f, [])).raw)
      const verifier = addressOf(claim('verifier'))
      if (!/^0x0{40}$/.test(verifier)) {
        op.progress(0, null, `proving the verifier ${verifier} and its code`)
        const code = await collectVerifierCode(eps.l1, verifier, head, eps.sources, op.signal)
        data.verifierCode = code ?? null
      }
    }
    op.progress(0, null, `proving ${diamondReqs.length} diamond slots at L1 block ${head}`)
    data.diamondProof = (await ask('diamond-proof', diamond, diamondReqs)).raw
  }
  return createEvidence({
    kind: zksyncWatchKind.kind,
    createdAt: anchor.createdAt,
    question: { ...anchor.question },
    trust: anchor.trust,
    data: {
      ...(anchor.beacon ? { beacon: anchor.beacon } : {}),
      ...(anchor.endpointFacts?.answers ?? {}),
      ...data,
    },
    sources: [...anchor.sources, ...eps.sources],
  })
}

/** The words an answer claims, by key: locators for the next round, never evidence of anything. */
function claimsOf(raw: RawItem): (q: SlotRequest) => bigint | undefined {
  let entries: { key: Uint8Array; value: bigint }[] = []
  try {
    entries = parseEthGetProof(rawJson(raw)).storageProof
  } catch {
    // A malformed answer locates nothing; the final answer's proof decides.
  }
  return (q) => entries.find((e) => equalBytes(e.key, q.key))?.value
}
