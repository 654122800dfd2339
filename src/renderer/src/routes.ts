/** The pages of the shell, in navigation order. Hash routes keep file:// (Electron) and the bridge alike. */
export const ROUTES = [
  { id: 'trust', label: 'Trust', hint: 'The beacon light client and the trusted head' },
  { id: 'l1', label: 'L1 balances', hint: 'ETH and ERC-20 balances proven against the trusted state root' },
  { id: 'zksync', label: 'ZKsync', hint: 'ZKsync Era balances proven down to L1' },
  { id: 'batches', label: 'Batches', hint: 'ZKsync batch status, commitments and proofs' },
  { id: 'bridge', label: 'Bridge', hint: 'Is my withdrawal final, claimable or claimed?' },
  {
    id: 'watch',
    label: 'Upgrade watch',
    hint: 'Who can change ZKsync Era, proven from L1 storage, and what changed',
  },
  { id: 'inspector', label: 'Inspector', hint: 'Open a proof or evidence file and verify it offline' },
  { id: 'history', label: 'History', hint: 'Every verification made here: re-verify, export, delete' },
  { id: 'settings', label: 'Settings', hint: 'Endpoints, checkpoint and appearance' },
] as const

export type RouteId = (typeof ROUTES)[number]['id']

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '')
  return ROUTES.find((r) => r.id === id)?.id ?? 'trust'
}
