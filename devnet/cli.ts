import { parseArgs } from 'node:util'
import { FAULT_HELP, TRANSPORT_FAULTS, type TransportFault } from './servers/devServer'
import { DEFAULT_SEED, startWorld, WORLD_LIES, type WorldFaults, type WorldLies } from './world'

/**
 * `npm run world [-- --json] [--seed S] [--lie MODE] [--fault SERVER:FAULT]`: starts the test world's three
 * endpoints on 127.0.0.1 and prints how to point Lightproof at them. Keeps serving until killed.
 */
function usage(): string {
  const lies = Object.entries(WORLD_LIES).map(([name, l]) => `  ${name.padEnd(30)} ${l.help}`)
  const faults = TRANSPORT_FAULTS.map((f) => `  ${f.padEnd(30)} ${FAULT_HELP[f]}`)
  return [
    'usage: npm run world -- [--json] [--seed S] [--lie MODE] [--fault SERVER:FAULT] [--port-base N] [--upgrade-at S]',
    '',
    'Starts a generated, consistent world: a beacon API, an L1 JSON-RPC, a ZKsync JSON-RPC and a ZKsync Gateway',
    'JSON-RPC (chain 9075) on 127.0.0.1. With --json the first line of output is one JSON object with the',
    'endpoints, network, checkpoint, an L1 account, a ZKsync account, an executed batch, an executed batch',
    'that settled on Gateway (gatewayBatch) and three ETH withdrawals: withdrawalTx (final, claimable),',
    'claimedWithdrawalTx (final, already claimed) and pendingWithdrawalTx (in a batch not executed yet), and',
    'three L1 deposits: depositTx (executed on L2, succeeded), failedDepositTx (executed, failed, reclaimable)',
    'and pendingDepositTx (its L2 batch not executed on L1 yet).',
    '',
    '--upgrade-at S runs the upgrade step S seconds after start (0: at once): a new verifier and key, a fifth',
    'facet, and the ChainTypeManager announcing 0.30.0 with an upgrade cut for the chain; served on the same',
    'ports with the same checkpoint, so a second `lightproof zksync watch` reports the changes.',
    '',
    'lying modes (--lie, one at a time):',
    ...lies,
    '',
    'transport faults (--fault beacon:F, l1:F, zksync:F or gateway:F; repeatable):',
    ...faults,
  ].join('\n')
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    seed: { type: 'string' },
    lie: { type: 'string' },
    fault: { type: 'string', multiple: true },
    'port-base': { type: 'string' },
    'upgrade-at': { type: 'string' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  process.stdout.write(usage() + '\n')
  process.exit(0)
}

const lies: WorldLies = {}
if (values.lie) {
  const mode = WORLD_LIES[values.lie]
  if (!mode) {
    process.stderr.write(`unknown lying mode '${values.lie}'.\n\n${usage()}\n`)
    process.exit(2)
  }
  ;(lies as Record<string, string>)[mode.server] = mode.lie
}
const faults: WorldFaults = {}
for (const spec of values.fault ?? []) {
  const [server, fault] = spec.split(':') as [string, string | undefined]
  if (
    !['beacon', 'l1', 'zksync', 'gateway'].includes(server) ||
    !TRANSPORT_FAULTS.includes(fault as TransportFault)
  ) {
    process.stderr.write(
      `bad --fault '${spec}': expected beacon|l1|zksync|gateway:${TRANSPORT_FAULTS.join('|')}\n`,
    )
    process.exit(2)
  }
  faults[server as keyof WorldFaults] = fault as TransportFault
}
const base = values['port-base'] ? Number(values['port-base']) : undefined
const ports = base ? { beacon: base, l1: base + 1, zksync: base + 2, gateway: base + 3 } : undefined

const upgradeAt = values['upgrade-at']
if (upgradeAt !== undefined && !/^\d{1,6}$/.test(upgradeAt)) {
  process.stderr.write(`--upgrade-at must be a whole number of seconds, not '${upgradeAt}'\n`)
  process.exit(2)
}
let world = await startWorld({ seed: values.seed ?? DEFAULT_SEED, lies, faults, ports })
if (upgradeAt !== undefined)
  setTimeout(
    () => {
      void world.upgrade().then((w) => {
        world = w
        process.stderr.write(`the world ran its upgrade step (L1 block ${w.l1.head.number})\n`)
      })
    },
    Number(upgradeAt) * 1000,
  )
if (values.json) {
  process.stdout.write(JSON.stringify(world.info) + '\n')
} else {
  const i = world.info
  const lie = values.lie ? ` (lying: ${values.lie})` : ''
  process.stdout.write(
    [
      `Lightproof test world${lie}`,
      `  beacon API      ${i.beacon}`,
      `  L1 JSON-RPC     ${i.l1}`,
      `  ZKsync RPC      ${i.zksync}`,
      `  Gateway RPC     ${i.gateway}`,
      `  network         ${i.network}`,
      `  checkpoint      ${i.checkpoint}`,
      `  L1 account      ${i.l1Account}`,
      `  ZKsync account  ${i.zksyncAccount}`,
      `  executed batch  ${i.batch}`,
      `  Gateway batch   ${i.gatewayBatch} (settled on ZKsync Gateway; prove it with --gateway-rpc)`,
      `  withdrawals     ${i.withdrawalTx} (claimable)`,
      `                  ${i.claimedWithdrawalTx} (claimed)`,
      `                  ${i.pendingWithdrawalTx} (not executed yet)`,
      `  deposits (L1)   ${i.depositTx} (succeeded)`,
      `                  ${i.failedDepositTx} (failed, reclaimable)`,
      `                  ${i.pendingDepositTx} (not executed yet)`,
      '',
      `try: npx lightproof zksync balance ${i.zksyncAccount} --beacon ${i.beacon} --l1-rpc ${i.l1} --zksync-rpc ${i.zksync} --checkpoint ${i.checkpoint} --network ${i.network}`,
      '',
    ].join('\n'),
  )
}
const stop = () => {
  void world.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
