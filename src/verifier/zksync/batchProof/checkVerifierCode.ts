import { InputError, LightproofError } from '../../../shared/errors'
import { keccak_256 } from '../../crypto/backends'
import { bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { unwrapJsonRpc } from '../../encoding/rpc'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import { verifyAccountProof } from '../../mpt/verifyAccountProof'
import type { ReportBuilder } from '../../report'
import {
  evmAddressGetter,
  evmVerificationKeyHash,
  evmVerify,
  type ContractCode,
} from '../../snark/evm/evmVerifier'
import { knownVerificationKey, UNLISTED_KEY_NAME } from '../../snark/knownVerificationKeys'

/**
 * "The key follows from L1" (issue 16): the verifier contract whose address the diamond stores (slot 10, proven)
 * is itself proven — its account by eth_getProof at the trusted state root gives its codeHash, the code an
 * endpoint serves (eth_getCode) must hash to it — and then that code, L1's own, is run locally
 * (src/verifier/snark/evm): its `verificationKeyHash(…)` names the key the proof must be checked with, and its
 * `verify(…)` judges the proof as a second lane beside the TypeScript verifier. Nothing an endpoint says is used
 * unproven: a lying node that serves other bytecode fails `zksync.verifier.codeHash`.
 *
 * Checks: `zksync.verifier.codeHash` (every account the EVM will run), `zksync.verifier.evm.vkHash` (the key hash
 * the proven code reports), `zksync.verifier.evm.verify` (L1's code on this proof, against the TypeScript lane).
 */

/** One verifier account as collected: the eth_getProof answer (any storage keys) and the eth_getCode answer. */
export interface VerifierAccountEvidence {
  proof: LosslessJson
  code: LosslessJson
}

export interface VerifierCodeInput {
  /** The trusted L1 state root the diamond was proven against. */
  stateRoot: Uint8Array
  /** The verifier address proven from the diamond's slot 10. */
  verifier: string
  accounts: readonly VerifierAccountEvidence[]
}

/** Proven code: every entry's keccak equals the codeHash proven at the trusted state root. */
export interface ProvenVerifierCode {
  verifier: string
  codes: ContractCode[]
}

const CODE_TITLE = 'Verifier code is the code L1 holds (keccak(eth_getCode) = proven codeHash)'
const MAX_CODE_BYTES = 48 * 1024

function codeOf(json: LosslessJson, what: string): Uint8Array {
  const result = unwrapJsonRpc(json)
  if (typeof result !== 'string') throw new InputError(`${what}: eth_getCode answer is not hex`)
  const code = hexToBytes(result, what)
  if (code.length > MAX_CODE_BYTES)
    throw new InputError(`${what}: ${code.length} bytes is more than a contract holds`)
  return code
}

/**
 * Proves each collected account against the trusted state root and holds the served code to its codeHash. Adds
 * `zksync.verifier.codeHash`; returns the proven codes, or undefined when any is not proven (the check says why).
 */
export function proveVerifierCode(
  r: ReportBuilder,
  input: VerifierCodeInput,
): ProvenVerifierCode | undefined {
  const verifier = input.verifier.toLowerCase()
  const codes: ContractCode[] = []
  const lines: string[] = []
  for (const [i, entry] of input.accounts.entries()) {
    let address: string
    let code: Uint8Array
    let proof
    try {
      proof = parseEthGetProof(unwrapJsonRpc(entry.proof))
      address = bytesToHex(proof.address)
      code = codeOf(entry.code, `verifier account ${i} code`)
    } catch (err) {
      if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
      r.fail('zksync.verifier.codeHash', CODE_TITLE, `verifier account ${i}: ${err.message}`)
      return undefined
    }
    const proven = verifyAccountProof(input.stateRoot, proof.address, proof.accountProof)
    if (proven.status !== 'present') {
      r.fail(
        'zksync.verifier.codeHash',
        CODE_TITLE,
        proven.status === 'absent'
          ? `${address}: the account proof shows no account at the trusted state root`
          : `${address}: the account proof does not verify against the trusted state root (${proven.detail})`,
      )
      return undefined
    }
    const served = keccak_256(code)
    if (!equalBytes(served, proven.account.codeHash)) {
      r.fail(
        'zksync.verifier.codeHash',
        CODE_TITLE,
        `${address}: the code served (${code.length} bytes) hashes to ${bytesToHex(served)}, but the proven ` +
          `codeHash is ${bytesToHex(proven.account.codeHash)}`,
      )
      return undefined
    }
    codes.push({ address, code })
    lines.push(`${address}: ${code.length} bytes, codeHash ${bytesToHex(served)}`)
  }
  if (!codes.some((c) => c.address === verifier)) {
    r.error(
      'zksync.verifier.codeHash',
      CODE_TITLE,
      `no proven account for the verifier ${verifier} the diamond stores (slot 10)`,
    )
    return undefined
  }
  r.pass('zksync.verifier.codeHash', CODE_TITLE, `proven at the trusted state root: ${lines.join('; ')}`)
  return { verifier, codes }
}

const KEY_TITLE = 'Key hash reported by L1’s verifier code, run locally'

/**
 * Runs the proven verifier's `verificationKeyHash(type)` (a DualVerifier, when it names its FFLONK and PLONK
 * verifiers) or `verificationKeyHash()` in the EVM. A DualVerifier whose inner verifiers were not proven is an
 * error (incomplete): their code is what `verify` runs. Adds `zksync.verifier.evm.vkHash`; returns the hash.
 */
export async function evmKeyHashOfProvenCode(
  r: ReportBuilder,
  proven: ProvenVerifierCode,
  verifierType: bigint | undefined,
): Promise<string | undefined> {
  const inner = await dualVerifierTargets(proven)
  if (inner) {
    const missing = [inner.fflonk, inner.plonk].filter((a) => !proven.codes.some((c) => c.address === a))
    if (missing.length > 0) {
      r.error(
        'zksync.verifier.evm.vkHash',
        KEY_TITLE,
        `the DualVerifier ${proven.verifier} routes to ${missing.join(' and ')}, whose code was not proven`,
      )
      return undefined
    }
  }
  const type = inner ? verifierType : undefined
  try {
    const hash = await evmVerificationKeyHash(proven.codes, proven.verifier, type)
    const name = knownVerificationKey(hash)?.name ?? UNLISTED_KEY_NAME
    r.pass(
      'zksync.verifier.evm.vkHash',
      KEY_TITLE,
      `verificationKeyHash(${type ?? ''}) of ${proven.verifier} = ${hash} (${name})` +
        (inner ? `; DualVerifier over FFLONK ${inner.fflonk} and PLONK ${inner.plonk}` : ''),
    )
    r.fact('verifierKey', {
      hash,
      name,
      verifier: proven.verifier,
      ...(inner ? { fflonkVerifier: inner.fflonk, plonkVerifier: inner.plonk } : {}),
      source: 'proven verifier code run in a local EVM',
    })
    return hash
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
    r.fail('zksync.verifier.evm.vkHash', KEY_TITLE, err.message)
    return undefined
  }
}

async function dualVerifierTargets(
  proven: ProvenVerifierCode,
): Promise<{ fflonk: string; plonk: string } | undefined> {
  try {
    const fflonk = await evmAddressGetter(proven.codes, proven.verifier, 'FFLONK_VERIFIER()')
    const plonk = await evmAddressGetter(proven.codes, proven.verifier, 'PLONK_VERIFIER()')
    return { fflonk, plonk }
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return undefined
    throw err
  }
}

const VERIFY_TITLE = 'L1’s verifier code accepts the proof, as the TypeScript verifier does (EVM lane)'

/**
 * The second lane: the proven verifier's `verify([publicInput], proof)` in the EVM, with the proof words exactly
 * as the Executor passes them. Required: L1's own code refusing the proof fails the batch proof, and a
 * disagreement with the TypeScript verifier fails with both answers shown.
 */
export async function addEvmVerifyLane(
  r: ReportBuilder,
  proven: ProvenVerifierCode,
  publicInput: bigint,
  proofWords: readonly bigint[],
  typescriptAccepted: boolean,
): Promise<boolean> {
  const evm = await evmVerify(proven.codes, proven.verifier, [publicInput], proofWords)
  const evmAnswer = evm.accepted
    ? `accepts (${evm.gasUsed} gas)`
    : `refuses (${evm.revert ?? `returned ${evm.returned}`})`
  const tsAnswer = typescriptAccepted ? 'accepts' : 'refuses'
  r.fact('evmLane', {
    accepted: evm.accepted,
    gasUsed: evm.gasUsed.toString(),
    ...(evm.revert ? { revert: evm.revert } : {}),
  })
  if (evm.accepted && typescriptAccepted) {
    r.pass(
      'zksync.verifier.evm.verify',
      VERIFY_TITLE,
      `L1’s code ${evmAnswer}; the TypeScript verifier accepts`,
    )
    return true
  }
  r.fail(
    'zksync.verifier.evm.verify',
    VERIFY_TITLE,
    evm.accepted === typescriptAccepted
      ? `L1’s code ${evmAnswer}; the TypeScript verifier refuses too`
      : `the lanes disagree: L1’s code ${evmAnswer}, the TypeScript verifier ${tsAnswer}`,
  )
  return false
}
