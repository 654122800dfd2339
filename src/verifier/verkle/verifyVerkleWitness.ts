import { errorMessage } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import { ReportBuilder, type Report } from '../report'
import { witnessToVerifierJson, type ParsedWitness } from './parseWitness'
import type { VerkleBackend } from './verkleBackend'
import { checkWitnessStructure } from './witnessStructure'

/**
 * Verifies an EIP-6800 execution witness against a pre-state root the caller trusts (DESIGN.md §1: supplied
 * by the user or by a verified parent header; never the witness's own `parentStateRoot`).
 *
 * What passes proves every listed `currentValue`, and every listed absence, against that root
 * (rust-verkle@e27b8b4e:verkle-trie/src/proof/verifier.rs). It proves nothing about `newValue`: post-state
 * values need re-execution or a proof against the post-state root, and the report says so.
 *
 * @example
 *   const backend = await loadVerkleWasmBackend()
 *   const report = verifyVerkleWitness(parseExecutionWitness(json), preStateRoot, backend)
 */
export function verifyVerkleWitness(
  parsed: ParsedWitness,
  preStateRoot: Uint8Array,
  backend: VerkleBackend,
): Report {
  const rootHex = bytesToHex(preStateRoot)
  const { witness } = parsed
  const report = new ReportBuilder({
    kind: 'verkle-witness',
    description: `EIP-6800 execution witness (${parsed.foundAt}) against a pre-state root`,
    trustRoot: { kind: 'pre-state-root', value: rootHex },
  })

  const structure = checkWitnessStructure(witness)
  for (const c of structure.checks) report.add(c.id, c.title, c.ok ? 'pass' : 'fail', c.detail)

  const proofId = 'verkle.witness.proof'
  const proofTitle = 'Multiproof opens every listed pre-state value at the pre-state root'
  if (preStateRoot.length !== 32) {
    report.fail(proofId, proofTitle, `the pre-state root must be 32 bytes, got ${preStateRoot.length}`)
  } else if (!structure.ok) {
    report.skip(proofId, proofTitle, 'not run: the witness structure is inconsistent (see the failed check)')
  } else {
    try {
      const ok = backend.verifyExecutionWitnessPreState(rootHex, witnessToVerifierJson(witness))
      report.add(
        proofId,
        proofTitle,
        ok ? 'pass' : 'fail',
        ok
          ? `${structure.openings} openings verified by ${backend.name}`
          : `${backend.name} rejected the proof: a value, a commitment or the root does not match`,
      )
    } catch (err) {
      // Our checks should make this unreachable; a throw is never a pass.
      report.error(proofId, proofTitle, `${backend.name} aborted: ${errorMessage(err)}`)
    }
  }

  let keys = 0
  let proven = 0
  let absent = 0
  let claimed = 0
  for (const s of witness.stateDiff)
    for (const d of s.suffixDiffs) {
      keys++
      if (d.currentValue === null) absent++
      else proven++
      if (d.newValue !== null) claimed++
    }
  report.skip(
    'verkle.post-state',
    'Post-state values',
    `${claimed} newValue(s) are claims of the block producer: a pre-state witness does not prove them`,
    { required: false },
  )

  return report
    .fact('preStateRoot', rootHex)
    .fact('witnessAt', parsed.foundAt)
    .fact('stems', String(witness.stateDiff.length))
    .fact('keys', String(keys))
    .fact('proven', String(proven))
    .fact('absent', String(absent))
    .fact('claimedNewValues', String(claimed))
    .fact('postStateValues', 'claimed, not proven')
    .fact('openings', String(structure.openings))
    .fact('commitments', String(witness.verkleProof.commitmentsByPath.length))
    .fact('normalisations', parsed.normalisations)
    .fact('backend', backend.name)
    .build()
}
