import { InputError, UsageError } from '../../shared/errors'
import { bytesToHex } from '../../verifier/encoding/hex'
import { parseJsonBytes } from '../../verifier/encoding/json'
import { planInspection } from '../../verifier/kinds/planInspection'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import { ReportBuilder, verdictOf, type FactValue, type Report } from '../../verifier/report'
import { NETWORK_DATA } from '../../verifier/beacon/networks'
import { stringOption, type CommandSpec } from '../command'
import { rootOption } from '../inputs'

const COMMAND = 'inspect'
const KNOWN_FORMATS =
  'an execution witness (or a block JSON holding one), an eth_getProof or zks_getProof result, a beacon ' +
  'light-client bootstrap or update (JSON), an EIP-7864 binary-tree proof, or a Lightproof evidence file'

/**
 * `lightproof inspect F [--root R]`: what a proof file is and what it holds — the same detection and structure
 * the Inspector page shows (verifier/kinds/planInspection.ts) — and, when a root is given or the file
 * carries one (evidence), its verification through the one evidence path, with the exit status of `verify`.
 * Without a root nothing is verified: the verdict is INCOMPLETE (exit 1) and the structure is only what the
 * file claims.
 */
export const inspectCommand: CommandSpec = {
  usage: 'FILE [--root R] [--network NAME]',
  options: {
    root: {
      type: 'string',
      help: 'R  trusted 32-byte root (0x-hex) for the file: state root, pre-state root, tree root or checkpoint',
    },
    network: {
      type: 'string',
      help: `NAME  beacon network of a bootstrap checked against --root (${Object.keys(NETWORK_DATA).join(', ')}; default mainnet)`,
    },
  },
  positionals: { min: 1, max: 1, names: 'FILE' },
  async run({ values, positionals }, ctx) {
    const file = positionals[0]!
    const root =
      stringOption(values, 'root') === undefined ? null : bytesToHex(rootOption(values, 'root', COMMAND))
    const network = stringOption(values, 'network')
    if (network !== undefined && !(network in NETWORK_DATA))
      throw new UsageError(`${COMMAND}: --network must be one of ${Object.keys(NETWORK_DATA).join(', ')}`)

    const bytes = await ctx.readInput(file)
    const plan = planInspection({
      name: file,
      bytes,
      json: readJson(file, bytes),
      root,
      createdAt: new Date().toISOString(),
      ...(network ? { network } : {}),
    })
    const { detection, structure } = plan
    if (detection.kind === 'unknown')
      throw new InputError(
        `${file}: not a format Lightproof knows; expected ${KNOWN_FORMATS}`,
        'input.unknown-format',
      )
    if (structure?.kind === 'invalid')
      throw new InputError(
        `${file}: not a valid ${detection.description}: ${structure.error}`,
        'input.invalid',
      )

    let report: Report
    if (plan.evidence) {
      const started = performance.now()
      // An evidence file behaves as `lightproof verify FILE` (broken data inside is a failed check); a raw
      // file given with a root behaves as its `verify …` command (malformed input is exit 2).
      report = await verifyEvidence(
        plan.evidence,
        {},
        { inputErrors: detection.kind === 'evidence' ? 'fail' : 'throw' },
      )
      report.timings.verify = performance.now() - started
      if (detection.kind === 'evidence' && root !== null)
        addRootMatch(report, plan.evidence.trust.value, root)
    } else {
      report = new ReportBuilder({
        kind: 'inspect',
        description: `${detection.description} — inspected, NOT verified`,
      })
        .skip('inspect.verify', 'Verified against a trusted root', plan.reason ?? 'nothing to verify against')
        .build()
    }
    report.facts.inspected = toFact({
      file,
      kind: detection.kind,
      description: detection.description,
      ...(detection.needsRoot ? { needsRoot: detection.needsRoot.label } : {}),
      note: 'What the file claims. Only the checks above say what is proven; new (post-state) values of a witness are never proven by it.',
      structure,
    })
    return report
  },
}

function readJson(file: string, bytes: Uint8Array) {
  try {
    return parseJsonBytes(bytes)
  } catch (err) {
    if (err instanceof InputError)
      throw new InputError(`${file}: ${err.message}; expected ${KNOWN_FORMATS}`, err.code)
    throw err
  }
}

/** The user named the root they trust; an evidence file resting on another root does not answer their question. */
function addRootMatch(report: Report, carried: string, given: string): void {
  const same = carried.toLowerCase() === given
  report.checks.push({
    id: 'inspect.root-matches',
    title: 'The evidence rests on the root given with --root',
    status: same ? 'pass' : 'fail',
    detail: same ? given : `the evidence rests on ${carried}, not on ${given}`,
    required: true,
  })
  report.verdict = verdictOf(report.checks)
}

/** Structures are JSON-safe by construction; the round trip drops absent optional fields. */
function toFact(value: unknown): FactValue {
  return JSON.parse(JSON.stringify(value)) as FactValue
}
